using System.Text;

namespace ConformanceKit.Repository.Tests.Links;

/// <summary>The comment syntax of a source file, from its name.</summary>
public enum CommentStyle
{
    /// <summary>Not a source file these checks read.</summary>
    None,

    /// <summary>C, C++, C#, .iig, JavaScript, Swift: // and /* */, with string literals skipped.</summary>
    CFamily,

    /// <summary>Shell, CMake, YAML, awk: # to the end of the line, outside quotes.</summary>
    Hash,
}

/// <summary>
/// The comments of a source file, line by line. A small lexer, not a compiler: it knows enough of
/// string literals (C# verbatim and raw strings, C++ raw strings, JavaScript template literals) that
/// text inside them is not taken for a comment.
/// </summary>
public static class SourceComments
{
    static readonly HashSet<string> CFamilyExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".cpp", ".cc", ".cxx", ".h", ".hpp", ".c", ".iig", ".mjs", ".js", ".swift", ".m", ".mm",
    };

    static readonly HashSet<string> HashExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".sh", ".bash", ".cmake", ".yml", ".yaml", ".awk",
    };

    /// <summary>The comment style of a file, from its name (and for a file without extension, its shebang line).</summary>
    public static CommentStyle StyleOf(string path, string? firstLine = null)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var extension = Path.GetExtension(name);
        if (CFamilyExtensions.Contains(extension))
        {
            return CommentStyle.CFamily;
        }
        if (HashExtensions.Contains(extension) || name == "CMakeLists.txt")
        {
            return CommentStyle.Hash;
        }
        if (extension.Length == 0 && firstLine is not null && firstLine.StartsWith("#!", StringComparison.Ordinal)
            && firstLine.Contains("sh", StringComparison.Ordinal))
        {
            return CommentStyle.Hash;
        }
        return CommentStyle.None;
    }

    /// <summary>The comment text of each line that has some (1-based line numbers), in order.</summary>
    public static IReadOnlyList<(int Line, string Text)> Extract(string text, CommentStyle style, string extension = "") =>
        style switch
        {
            CommentStyle.CFamily => CFamily(text, extension),
            CommentStyle.Hash => Hash(text),
            _ => [],
        };

    static List<(int, string)> Hash(string text)
    {
        var comments = new List<(int, string)>();
        var number = 0;
        foreach (var line in Markdown.Lines(text))
        {
            number++;
            char quote = '\0';
            for (var j = 0; j < line.Length; j++)
            {
                var c = line[j];
                if (quote != '\0')
                {
                    if (c == '\\' && quote == '"')
                    {
                        j++;
                    }
                    else if (c == quote)
                    {
                        quote = '\0';
                    }
                    continue;
                }
                if (c == '\\')
                {
                    j++;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '#' && (j == 0 || char.IsWhiteSpace(line[j - 1])))
                {
                    comments.Add((number, line[(j + 1)..]));
                    break;
                }
            }
        }
        return comments;
    }

    static List<(int, string)> CFamily(string text, string extension)
    {
        var csharp = extension.Equals(".cs", StringComparison.OrdinalIgnoreCase);
        var javascript = extension.Equals(".mjs", StringComparison.OrdinalIgnoreCase) || extension.Equals(".js", StringComparison.OrdinalIgnoreCase);
        var comments = new List<(int, string)>();
        var current = new StringBuilder();
        var line = 1;
        var commentLine = 0;

        void Flush()
        {
            if (commentLine != 0)
            {
                comments.Add((commentLine, current.ToString()));
            }
            current.Clear();
            commentLine = 0;
        }

        void Take(char c)
        {
            if (commentLine == 0)
            {
                commentLine = line;
            }
            current.Append(c);
        }

        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }
            if (c == '/' && next == '/')
            {
                i += 2;
                while (i < text.Length && text[i] != '\n')
                {
                    Take(text[i++]);
                }
                Flush();
                continue;
            }
            if (c == '/' && next == '*')
            {
                i += 2;
                while (i < text.Length && !(text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/'))
                {
                    if (text[i] == '\n')
                    {
                        Flush();
                        line++;
                    }
                    else
                    {
                        Take(text[i]);
                    }
                    i++;
                }
                Flush();
                i += 2;
                continue;
            }
            if (csharp && c == '"' && next == '"' && i + 2 < text.Length && text[i + 2] == '"')
            {
                i = SkipRawString(text, i, ref line);
                continue;
            }
            if (csharp && c == '@' && next == '"')
            {
                i = SkipVerbatimString(text, i + 1, ref line);
                continue;
            }
            if (csharp && c == '$' && (next == '@' || (next == '"' && i + 2 < text.Length && text[i + 2] != '"')))
            {
                i = next == '@' ? SkipVerbatimString(text, i + 2, ref line) : SkipQuoted(text, i + 1, '"');
                continue;
            }
            if (!csharp && !javascript && c == 'R' && next == '"' && (i == 0 || !IsIdentifier(text[i - 1]) || text[i - 1] is '8' or 'L' or 'u' or 'U'))
            {
                i = SkipCppRawString(text, i + 1, ref line);
                continue;
            }
            if (javascript && c == '`')
            {
                i = SkipTemplate(text, i, ref line);
                continue;
            }
            if (c is '"' or '\'')
            {
                i = SkipQuoted(text, i, c);
                continue;
            }
            i++;
        }
        Flush();
        return comments;
    }

    static bool IsIdentifier(char c) => char.IsLetterOrDigit(c) || c == '_';

    // From an opening quote to just past the closing one, honouring backslash escapes; a line break ends it.
    static int SkipQuoted(string text, int open, char quote)
    {
        var i = open + 1;
        while (i < text.Length && text[i] != '\n')
        {
            if (text[i] == '\\')
            {
                i += i + 1 < text.Length && text[i + 1] != '\n' ? 2 : 1;
                continue;
            }
            if (text[i] == quote)
            {
                return i + 1;
            }
            i++;
        }
        return i;
    }

    // @"..." with "" for a quote; open is the index of the quote.
    static int SkipVerbatimString(string text, int open, ref int line)
    {
        var i = open + 1;
        while (i < text.Length)
        {
            if (text[i] == '\n')
            {
                line++;
            }
            else if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    // """...""" (three or more quotes, closed by as many).
    static int SkipRawString(string text, int open, ref int line)
    {
        var run = 0;
        while (open + run < text.Length && text[open + run] == '"')
        {
            run++;
        }
        var closing = new string('"', run);
        var end = text.IndexOf(closing, open + run, StringComparison.Ordinal);
        end = end < 0 ? text.Length : end + run;
        line += CountLines(text, open, end);
        return end;
    }

    // R"delimiter( ... )delimiter"; open is the index of the quote.
    static int SkipCppRawString(string text, int open, ref int line)
    {
        var paren = text.IndexOf('(', open);
        if (paren < 0 || paren - open > 17)
        {
            return SkipQuoted(text, open, '"');
        }
        var closing = ")" + text[(open + 1)..paren] + "\"";
        var end = text.IndexOf(closing, paren, StringComparison.Ordinal);
        end = end < 0 ? text.Length : end + closing.Length;
        line += CountLines(text, open, end);
        return end;
    }

    // `...` with backslash escapes; ${...} is not looked into.
    static int SkipTemplate(string text, int open, ref int line)
    {
        var i = open + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }
            if (text[i] == '\n')
            {
                line++;
            }
            else if (text[i] == '`')
            {
                return i + 1;
            }
            i++;
        }
        return i;
    }

    static int CountLines(string text, int from, int to)
    {
        var count = 0;
        for (var k = from; k < to && k < text.Length; k++)
        {
            if (text[k] == '\n')
            {
                count++;
            }
        }
        return count;
    }
}
