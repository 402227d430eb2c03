namespace ConformanceKit.Spec;

/// <summary>
/// A violation kind as a spec's known findings write it: literal text where * matches any run of
/// characters (none included), matched against the whole kind. No other character is special, so
/// the C++ names and punctuation of sanitizer kinds can be written as they are printed.
/// </summary>
public static class KindPattern
{
    public static bool Matches(string pattern, string kind) => Matches(pattern.AsSpan(), kind.AsSpan());

    static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var star = pattern.IndexOf('*');
        if (star < 0) return pattern.SequenceEqual(text);
        if (!text.StartsWith(pattern[..star])) return false;
        var rest = pattern[(star + 1)..];
        text = text[star..];
        // The tail after the last star must end the text; each middle piece is taken at its first fit.
        for (var next = rest.IndexOf('*'); next >= 0; next = rest.IndexOf('*'))
        {
            var piece = rest[..next];
            var at = text.IndexOf(piece);
            if (at < 0) return false;
            text = text[(at + piece.Length)..];
            rest = rest[(next + 1)..];
        }
        return text.EndsWith(rest);
    }
}
