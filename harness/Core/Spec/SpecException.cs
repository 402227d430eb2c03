using System.Text;

namespace ConformanceKit.Spec;

/// <summary>A spec that cannot be used, with the place of the problem ("spec.yaml:12: ...").</summary>
/// <remarks>The message is always one line: control characters in the problem (a quoted value's newline) are escaped.</remarks>
public sealed class SpecException(string path, int line, string problem)
    : Exception(line > 0 ? $"{path}:{line}: {OneLine(problem)}" : $"{path}: {OneLine(problem)}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public string Problem { get; } = problem;

    /// <summary>Escapes control characters (\n, \t, \0 ...) and caps the length, so a message is one readable line.</summary>
    public static string OneLine(string text, int limit = 400)
    {
        var result = new StringBuilder(Math.Min(text.Length, limit + 1));
        foreach (var ch in text)
        {
            if (result.Length >= limit)
            {
                result.Append('…');
                break;
            }
            switch (ch)
            {
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                case var c when char.IsControl(c): result.Append($"\\x{(int)c:x2}"); break;
                default: result.Append(ch); break;
            }
        }
        return result.ToString();
    }
}
