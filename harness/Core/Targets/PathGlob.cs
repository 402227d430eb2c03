using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.Targets;

/// <summary>
/// The globs of the spec's <c>sources:</c> and <c>include:</c> lists, as a shell would read them:
/// <c>*</c> and <c>?</c> within one name, <c>[abc]</c>, <c>**</c> for any number of folders, <c>..</c>
/// to leave the folder. Names starting with a dot (.git, .build) are matched only by a pattern that
/// starts with a dot too, as in a shell, and <c>**</c> does not descend into them nor into symlinked
/// folders (no cycles). Results are full paths in ordinal order.
/// </summary>
internal static class PathGlob
{
    public static bool IsGlob(string pattern) => pattern.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>The files (or, with <paramref name="folders"/>, the folders) the pattern names, relative to <paramref name="baseDirectory"/>.</summary>
    public static IReadOnlyList<string> Match(string baseDirectory, string pattern, bool folders)
    {
        var normalized = pattern.Replace('\\', '/');
        var start = normalized.StartsWith('/') ? "/" : Path.GetFullPath(baseDirectory);
        var segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        IEnumerable<string> current = [start];
        for (var k = 0; k < segments.Length; k++)
        {
            var segment = segments[k];
            var last = k == segments.Length - 1;
            current = segment switch
            {
                ".." => current.Select(p => Path.GetDirectoryName(p) ?? p),
                "**" when last && !folders => current.SelectMany(AllFilesBelow),
                "**" => current.SelectMany(FolderAndAllBelow),
                _ when !IsGlob(segment) => current.Select(p => Path.Combine(p, segment)),
                _ => current.SelectMany(p => Children(p, segment, last && !folders)),
            };
        }
        return current.Select(Path.GetFullPath)
            .Where(p => folders ? Directory.Exists(p) : File.Exists(p))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    static IEnumerable<string> Children(string folder, string segment, bool files)
    {
        if (!Directory.Exists(folder)) return [];
        var regex = new Regex("^" + ToRegex(segment) + "$", RegexOptions.CultureInvariant);
        var hiddenToo = segment.StartsWith('.');
        var entries = files ? Directory.EnumerateFiles(folder) : Directory.EnumerateDirectories(folder);
        return entries.Where(p => Path.GetFileName(p) is var name && (hiddenToo || !name.StartsWith('.')) && regex.IsMatch(name));
    }

    static IEnumerable<string> FolderAndAllBelow(string folder)
    {
        if (!Directory.Exists(folder)) yield break;
        yield return folder;
        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            if (Path.GetFileName(child).StartsWith('.') || new DirectoryInfo(child).LinkTarget is not null) continue;
            foreach (var below in FolderAndAllBelow(child)) yield return below;
        }
    }

    static IEnumerable<string> AllFilesBelow(string folder) =>
        FolderAndAllBelow(folder).SelectMany(f => Directory.EnumerateFiles(f).Where(p => !Path.GetFileName(p).StartsWith('.')));

    /// <summary>One name's pattern as a regular expression: * and ? stay within the name; [..] is a set.</summary>
    static string ToRegex(string segment)
    {
        var result = new StringBuilder();
        for (var k = 0; k < segment.Length; k++)
        {
            var c = segment[k];
            switch (c)
            {
                case '*': result.Append(".*"); break;
                case '?': result.Append('.'); break;
                case '[' when segment.IndexOf(']', k + 1) is var end and > 0:
                    var set = segment[(k + 1)..end];
                    result.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    k = end;
                    break;
                default: result.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return result.ToString();
    }
}
