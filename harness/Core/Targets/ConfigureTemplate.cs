using System.Text;

namespace ConformanceKit.Targets;

/// <summary>
/// A CMake <c>configure_file</c> template as projects built with CMake keep them next to their sources:
/// <c>Info.plist.in</c>, <c>version.hpp.in</c>, with <c>@NAME@</c> where CMake puts a variable's value.
/// The variables are the build settings (the spec's <c>build:</c> over the defaults), the same table
/// <c>$(NAME)</c> is expanded from, so <c>@DRIVER_VERSION@</c> is set as <c>build: { DRIVER_VERSION: "1.2" }</c>.
/// Only <c>@NAME@</c> is replaced: <c>${NAME}</c> is left to the Xcode expansion that follows for a
/// property list (where it means the same setting), and an '@' not followed by a name and '@' (an
/// e-mail address) stays as written, as CMake leaves it. Values never hold a line break, so every line
/// of the result is the same line of the template.
/// </summary>
internal static class ConfigureTemplate
{
    public const string Suffix = ".in";

    /// <summary>Extensions whose template the build configures into a header the sources can include.</summary>
    static readonly string[] HeaderExtensions = [".h", ".hh", ".hpp", ".hxx", ".h++", ".inc", ".def"];

    /// <summary>Whether a file is a header template: version.hpp.in, config.h.in.</summary>
    public static bool IsHeaderTemplate(string path) =>
        path.EndsWith(Suffix, StringComparison.Ordinal) && HeaderExtensions.Contains(Path.GetExtension(path[..^Suffix.Length]));

    /// <summary>The file a template configures: its name without ".in".</summary>
    public static string OutputName(string template) => Path.GetFileName(template)[..^Suffix.Length];

    /// <summary>The template with each @NAME@ replaced by <paramref name="value"/>(NAME, line); <paramref name="escape"/> applies to values only.</summary>
    public static string Expand(string text, Func<string, int, string> value, Func<string, string> escape)
    {
        var result = new StringBuilder(text.Length);
        var line = 1;
        for (var k = 0; k < text.Length;)
        {
            if (text[k] == '@' && Name(text, k + 1) is { } name)
            {
                result.Append(escape(value(name, line)));
                k += name.Length + 2;
                continue;
            }
            if (text[k] == '\n') line++;
            result.Append(text[k]);
            k++;
        }
        return result.ToString();
    }

    /// <summary>A variable name starting at <paramref name="start"/> and closed by '@', as CMake's @VAR@ (letters, digits, _).</summary>
    static string? Name(string text, int start)
    {
        var k = start;
        if (k >= text.Length || !(char.IsAsciiLetter(text[k]) || text[k] == '_')) return null;
        while (k < text.Length && (char.IsAsciiLetterOrDigit(text[k]) || text[k] == '_')) k++;
        return k < text.Length && text[k] == '@' ? text[start..k] : null;
    }
}
