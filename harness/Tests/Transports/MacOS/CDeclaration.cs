using System.Text.RegularExpressions;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>
/// Just enough of a C declaration reader for Apple's headers: a function or a function-pointer
/// typedef starting at a given line, reduced to its return type and parameter types, written the
/// way the tables write them (no names, nullability or availability macros; "T *").
/// </summary>
static partial class CDeclaration
{
    /// <summary>Annotations that say nothing about the type.</summary>
    static readonly HashSet<string> Noise =
    [
        "extern", "typedef", "_Nullable", "_Nonnull", "_Null_unspecified", "__unused", "CF_RELEASES_ARGUMENT", "CF_RETURNS_RETAINED",
        "DISPATCH_UNSAFE_INDEXABLE", "DISPATCH_EXPORT", "DISPATCH_NOTHROW", "__swift_nonisolated_unsafe",
    ];

    public sealed record Signature(string Return, IReadOnlyList<string> Parameters);

    /// <summary>Reads the declaration of name whose name is on line (1-based) of lines.</summary>
    public static Signature Read(string[] lines, int line, string name, bool functionPointer)
    {
        var text = new List<string>();
        for (var k = line - 1; k < lines.Length && k < line + 30; k++)
        {
            var stripped = StripLineComment(lines[k]);
            text.Add(stripped);
            if (stripped.Contains(';', StringComparison.Ordinal)) break;
        }
        var joined = BlockComment().Replace(string.Join(' ', text), " ");
        var marker = new Regex(functionPointer ? $@"\(\s*\*\s*{name}\s*\)\s*\(" : $@"\b{name}\s*\(");
        var found = marker.Match(joined);
        if (!found.Success) throw new FormatException($"{name} is not declared on line {line}");

        var returnText = joined[..found.Index];
        if (Clean(returnText).Length == 0 && line >= 2)
            returnText = StripLineComment(lines[line - 2]); // the return type sits on the line before
        var open = found.Index + found.Length - 1;
        var close = Matching(joined, open);
        var parameters = joined[(open + 1)..close].Split(',').Select(p => TypeOf(p)).Where(p => p.Length > 0 && p != "void").ToArray();
        return new Signature(TypeOf(returnText, named: false), parameters);
    }

    /// <summary>The type part of "type name" (or of an unnamed "type"), normalised.</summary>
    public static string TypeOf(string declaration, bool named = true)
    {
        var tokens = Clean(declaration).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (named && tokens.Count >= 2 && tokens[^1] != "*" && Identifier().IsMatch(tokens[^1])) tokens.RemoveAt(tokens.Count - 1);
        return string.Join(' ', tokens);
    }

    static string Clean(string text)
    {
        var spaced = AvailabilityMacro().Replace(text, " ").Replace("*", " * ", StringComparison.Ordinal);
        return string.Join(' ', spaced.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(t => !Noise.Contains(t)));
    }

    static string StripLineComment(string line)
    {
        var at = line.IndexOf("//", StringComparison.Ordinal);
        return at < 0 ? line : line[..at];
    }

    static int Matching(string text, int open)
    {
        var depth = 0;
        for (var k = open; k < text.Length; k++)
        {
            if (text[k] == '(') depth++;
            else if (text[k] == ')' && --depth == 0) return k;
        }
        throw new FormatException("unbalanced parentheses in " + text);
    }

    [GeneratedRegex(@"/\*.*?\*/")]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    /// <summary>AVAILABLE_MAC_OS_X_VERSION_10_5_AND_LATER, __OSX_AVAILABLE_STARTING(...), __WATCHOS_PROHIBITED and the like.</summary>
    [GeneratedRegex(@"\b(?:__[A-Z][A-Z0-9_]*|AVAILABLE_[A-Z0-9_]+|API_[A-Z_]+|DISPATCH_[A-Z_]+)\b(?:\([^()]*(?:\([^()]*\)[^()]*)*\))?")]
    private static partial Regex AvailabilityMacro();
}
