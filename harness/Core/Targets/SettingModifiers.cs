namespace ConformanceKit.Targets;

/// <summary>
/// Xcode's modifiers of a build setting's value (<c>$(PRODUCT_NAME:rfc1034identifier)</c>): the ones
/// Info.plist files use to turn a product name into part of a bundle identifier or a symbol.
/// </summary>
internal static class SettingModifiers
{
    public static readonly IReadOnlyList<string> Names = ["rfc1034identifier", "c99extidentifier", "identifier", "lower", "upper"];

    /// <summary>The modified value, or null for a modifier this table does not know.</summary>
    public static string? Apply(string value, string modifier) => modifier switch
    {
        // A bundle identifier's characters: letters, digits, '-' and '.'; anything else becomes '-'.
        "rfc1034identifier" => Map(value, c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.' ? c : '-'),
        // A C identifier: letters, digits and '_', not starting with a digit.
        "c99extidentifier" or "identifier" => Identifier(value),
        "lower" => value.ToLowerInvariant(),
        "upper" => value.ToUpperInvariant(),
        _ => null,
    };

    static string Map(string value, Func<char, char> map) => string.Concat(value.Select(map));

    static string Identifier(string value)
    {
        var mapped = Map(value, c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return mapped.Length > 0 && char.IsAsciiDigit(mapped[0]) ? "_" + mapped : mapped;
    }
}
