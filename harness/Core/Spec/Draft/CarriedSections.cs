using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// The sections of an existing spec that say how to build and what to simulate rather than what the user
/// client does — build:, sources:, include:, device:, hid: — which `spec init` cannot observe but needed to
/// build and run the dext it drafts from: the draft carries them over as the user wrote them, comments
/// included, so that a spec started by hand with a build: section (a dext whose Info.plist needs a
/// variable) becomes a whole draft with `spec init --force`.
/// </summary>
public static partial class CarriedSections
{
    public static readonly IReadOnlyList<string> Keys = ["build", "sources", "include", "device", "hid"];

    /// <summary>The sections that name files, relative to the spec's folder: carried only into a draft in that folder.</summary>
    public static readonly IReadOnlyList<string> PathKeys = ["build", "sources", "include"];

    /// <summary>The carried sections' lines, in the order the file has them; "" when it has none.</summary>
    /// <param name="sameFolder">The draft goes into the spec's folder, where the paths of build:, sources: and include: hold.</param>
    public static string From(string specText, bool sameFolder)
    {
        var keys = sameFolder ? Keys : Keys.Except(PathKeys).ToArray();
        var carried = new StringBuilder();
        var carrying = false;
        foreach (var line in specText.Replace("\r\n", "\n").Split('\n'))
        {
            if (TopLevelKey().Match(line) is { Success: true } key) carrying = keys.Contains(key.Groups[1].Value);
            else if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith('#')) carrying = false;
            if (carrying) carried.Append(line.TrimEnd()).Append('\n');
        }
        return carried.ToString().TrimEnd('\n') is { Length: > 0 } text ? text + "\n" : "";
    }

    /// <summary>Whether carried text holds the top-level section <paramref name="key"/>.</summary>
    public static bool Has(string carried, string key) =>
        carried.Replace("\r\n", "\n").Split('\n').Any(line => TopLevelKey().Match(line) is { Success: true } found && found.Groups[1].Value == key);

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9]*)\s*:")]
    private static partial Regex TopLevelKey();
}
