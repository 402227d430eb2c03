using ConformanceKit.Tests.Transports.MacOS.HeaderTable;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>
/// Apple's headers, when a checkout of the pinned releases is at hand: CK_APPLE_HEADERS names a
/// folder holding IOKitUser/, xnu/ and libdispatch/ (the repositories of AppleSource.Pinned at those
/// tags; docs/macos.md says how to get them). Without it the citation tests are skipped: the
/// headers are not copied into this repository.
/// </summary>
static class AppleHeaders
{
    public const string Variable = "CK_APPLE_HEADERS";

    public static string? Root => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } root ? root : null;

    public static string RequireRoot()
    {
        if (Root is { } root) return root;
        Assert.Ignore($"set {Variable} to a folder with {string.Join(", ", AppleSource.Pinned.Select(s => $"{s.Name}/ at {s.Release}"))} to check the cited header lines");
        return "";
    }

    static readonly Dictionary<string, string[]> Cache = [];

    public static string[] Lines(string header)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(header, out var lines)) return lines;
            var path = Path.Combine(RequireRoot(), header);
            if (!File.Exists(path)) Assert.Fail($"{path} is missing: is {Variable} a checkout of the pinned releases?");
            return Cache[header] = File.ReadAllLines(path);
        }
    }

    /// <summary>The cited line (1-based).</summary>
    public static string Line(Citation at)
    {
        var lines = Lines(at.Header);
        if (at.Line < 1 || at.Line > lines.Length) Assert.Fail($"{at} is past the end of the file ({lines.Length} lines)");
        return lines[at.Line - 1];
    }

    /// <summary>The cited line and up to <paramref name="more"/> after it, joined with newlines.</summary>
    public static string Window(Citation at, int more)
    {
        var lines = Lines(at.Header);
        return string.Join('\n', lines.Skip(at.Line - 1).Take(more + 1));
    }
}
