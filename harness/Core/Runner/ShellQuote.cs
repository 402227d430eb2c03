namespace ConformanceKit.Runner;

/// <summary>
/// POSIX shell quoting for the commands ConformanceKit prints and stores for users to paste: a word
/// of safe characters stays as it is, anything else goes in single quotes (a quote inside becomes
/// '\''), so a path with spaces, quotes or ';' is one argument and never runs anything.
/// </summary>
public static class ShellQuote
{
    public static string Posix(string word)
    {
        if (word.Length > 0 && word.All(IsSafe)) return word;
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Posix));

    static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '=' or '@' or '%' or '+' or ',';
}
