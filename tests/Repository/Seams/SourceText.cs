using System.Globalization;
using System.Text.RegularExpressions;
using ConformanceKit.Repository.Tests.Support;

namespace ConformanceKit.Repository.Tests.Seams;

/// <summary>
/// Reads the definitions that exist twice — once in C or C++ for dexthost and the runtime, once in C#
/// for the harness — straight from their source files, so that a parity test sees exactly what each
/// compiler sees. Only the simple forms these files use are understood (`Name = 12,` enum members,
/// `constexpr TYPE kName = EXPR;`, `const int Name = EXPR;`, `#define NAME 1u`); anything else is a
/// test failure that names the line, never a silent skip.
/// </summary>
internal static partial class SourceText
{
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, relativePath));

    /// <summary>The members of the enum <paramref name="enumName"/> (C++ `enum class` or C# `enum`), by name.</summary>
    public static IReadOnlyDictionary<string, long> EnumMembers(string relativePath, string enumName)
    {
        var text = Read(relativePath);
        var start = Regex.Match(text, $@"\benum\s+(class\s+)?{Regex.Escape(enumName)}\b[^{{]*\{{");
        if (!start.Success) throw new AssertionException($"{relativePath}: no enum {enumName}");
        var end = text.IndexOf('}', start.Index + start.Length);
        var body = StripComments(text[(start.Index + start.Length)..end]);
        var members = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in body.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var member = MemberPattern().Match(item);
            if (!member.Success) throw new AssertionException($"{relativePath}: enum {enumName}: cannot read '{item}'");
            members.Add(member.Groups[1].Value, Evaluate(member.Groups[2].Value, relativePath));
        }
        return members;
    }

    /// <summary>A constant: C++ `constexpr T kName = EXPR;`, C# `const T Name = EXPR;` or C `#define NAME EXPR`.</summary>
    public static long Constant(string relativePath, string name)
    {
        var text = StripComments(Read(relativePath));
        var match = Regex.Match(text, $@"\b(?:constexpr|const)\s+\w+\s+{Regex.Escape(name)}\s*=\s*([^;]+);");
        if (!match.Success) match = Regex.Match(text, $@"#define\s+{Regex.Escape(name)}\s+([^\n]+)");
        if (!match.Success) throw new AssertionException($"{relativePath}: no constant {name}");
        return Evaluate(match.Groups[1].Value.Trim(), relativePath);
    }

    /// <summary>An integer, `A &lt;&lt; B`, `A + B` or a parenthesised one, with C suffixes (u, ull).</summary>
    public static long Evaluate(string expression, string where)
    {
        var e = expression.Trim();
        var plus = TopLevel(e, "+");
        if (plus > 0) return Evaluate(e[..plus], where) + Evaluate(e[(plus + 1)..], where);
        var shift = TopLevel(e, "<<");
        if (shift > 0) return Evaluate(e[..shift], where) << (int)Evaluate(e[(shift + 2)..], where);
        if (e.StartsWith('(') && e.EndsWith(')')) return Evaluate(e[1..^1], where);
        var literal = IntegerPattern().Match(e);
        if (!literal.Success) throw new AssertionException($"{where}: cannot evaluate '{expression}'");
        return literal.Groups[1].Value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(literal.Groups[1].Value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(literal.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The last position of the operator outside parentheses; -1 when none.</summary>
    static int TopLevel(string e, string op)
    {
        var depth = 0;
        var found = -1;
        for (var i = 0; i < e.Length; i++)
        {
            if (e[i] == '(') depth++;
            else if (e[i] == ')') depth--;
            else if (depth == 0 && string.CompareOrdinal(e, i, op, 0, op.Length) == 0) found = i;
        }
        return found;
    }

    static string StripComments(string text) => CommentPattern().Replace(text, " ");

    [GeneratedRegex(@"^([A-Za-z_]\w*)\s*=\s*(.+)$", RegexOptions.Singleline)]
    private static partial Regex MemberPattern();

    [GeneratedRegex(@"^(0[xX][0-9A-Fa-f]+|\d+)(?:[uU]?[lL]{0,2}|[lL]{1,2}[uU]?)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();
}
