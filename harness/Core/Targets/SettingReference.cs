namespace ConformanceKit.Targets;

/// <summary>
/// One use of a build setting in a text: <c>$(NAME)</c> or <c>${NAME}</c>, optionally with Xcode's
/// modifiers (<c>$(PRODUCT_NAME:rfc1034identifier)</c>, several applied left to right). Anything else
/// that starts with <c>$(</c> — <c>$(5)</c>, an unclosed <c>$(</c>, a space inside — is not a reference
/// and stays as written, as it does in Xcode.
/// </summary>
internal readonly record struct SettingReference(string Name, IReadOnlyList<string> Modifiers, int Length)
{
    /// <summary>The reference starting at <paramref name="start"/> (a '$') and ending before <paramref name="end"/>, if there is one.</summary>
    public static SettingReference? At(string text, int start, int end)
    {
        if (start + 1 >= end || text[start] != '$') return null;
        var close = text[start + 1] switch { '(' => ')', '{' => '}', _ => '\0' };
        if (close == '\0') return null;
        var k = start + 2;
        var name = Word(text, end, ref k);
        if (name is null || char.IsAsciiDigit(name[0])) return null;
        var modifiers = new List<string>();
        while (k < end && text[k] == ':')
        {
            k++;
            if (Word(text, end, ref k) is not { } modifier) return null;
            modifiers.Add(modifier);
        }
        if (k >= end || text[k] != close) return null;
        return new SettingReference(name, modifiers, k + 1 - start);
    }

    /// <summary>As written, for messages: $(NAME:modifier).</summary>
    public string Shown => Modifiers.Count == 0 ? $"$({Name})" : $"$({Name}:{string.Join(':', Modifiers)})";

    static string? Word(string text, int end, ref int k)
    {
        var begin = k;
        while (k < end && (char.IsAsciiLetterOrDigit(text[k]) || text[k] == '_')) k++;
        return k > begin ? text[begin..k] : null;
    }
}
