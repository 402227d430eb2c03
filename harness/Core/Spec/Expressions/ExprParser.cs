using System.Globalization;

namespace ConformanceKit.Spec.Expressions;

/// <summary>
/// Parses spec expressions: integers (decimal or 0x hex), i, in.scalar[e], in.u64[e], in.scalars,
/// in.size, ~, * + - &lt;&lt; &gt;&gt; &amp; ^ | (C precedence) and parentheses; with a structure
/// input template, in.field.NAME (an integer field of the message).
/// </summary>
/// <remarks>
/// Parsing, evaluating and comparing expressions recurse once per level, and a stack overflow ends
/// the process without a catchable exception: an expression more than <see cref="MaxDepth"/> levels
/// deep (parentheses, brackets, ~, or a long chain of operators) is refused while it is parsed.
/// </remarks>
public sealed class ExprParser
{
    /// <summary>The deepest expression accepted: parentheses, [..] and ~ nest, and each operator adds a level over its operands.</summary>
    public const int MaxDepth = 100;

    readonly string _text;
    readonly Dictionary<Expr, int> _depths = new(ReferenceEqualityComparer.Instance);
    int _pos;
    int _nesting;

    readonly StructTemplate? _template;

    ExprParser(string text, StructTemplate? template)
    {
        _text = text;
        _template = template;
    }

    /// <exception cref="FormatException">with the column of the problem.</exception>
    public static Expr Parse(string text, StructTemplate? template = null)
    {
        var parser = new ExprParser(text, template);
        var expr = parser.ParseOr();
        parser.SkipSpace();
        if (parser._pos != text.Length) throw parser.Error($"unexpected '{text[parser._pos]}'");
        return expr;
    }

    Expr ParseOr() => ParseLeftAssociative(ParseXor, "|");
    Expr ParseXor() => ParseLeftAssociative(ParseAnd, "^");
    Expr ParseAnd() => ParseLeftAssociative(ParseShift, "&");
    Expr ParseShift() => ParseLeftAssociative(ParseAdd, "<<", ">>");
    Expr ParseAdd() => ParseLeftAssociative(ParseMultiply, "+", "-");
    Expr ParseMultiply() => ParseLeftAssociative(ParseUnary, "*");

    Expr ParseLeftAssociative(Func<Expr> operand, params string[] operators)
    {
        var left = operand();
        while (true)
        {
            SkipSpace();
            var op = operators.FirstOrDefault(o => string.CompareOrdinal(_text, _pos, o, 0, o.Length) == 0);
            if (op is null) return left;
            _pos += op.Length;
            var right = operand();
            left = Node(new Expr.Binary(op[0], left, right), left, right);
        }
    }

    Expr ParseUnary()
    {
        SkipSpace();
        if (Accept("~"))
        {
            Enter();
            var operand = ParseUnary();
            _nesting--;
            return Node(new Expr.Not(operand), operand);
        }
        return ParsePrimary();
    }

    Expr ParsePrimary()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw Error("expression ends too early");
        if (Accept("("))
        {
            Enter();
            var inner = ParseOr();
            Expect(")");
            _nesting--;
            return inner;
        }
        if (char.IsAsciiDigit(_text[_pos])) return ParseNumber();
        if (Accept("in.scalar["))
        {
            var index = ParseIndexTail();
            return Node(new Expr.ScalarInput(index), index);
        }
        if (Accept("in.u64["))
        {
            var index = ParseIndexTail();
            return Node(new Expr.StructWord(index), index);
        }
        if (Accept("in.field.")) return ParseField();
        if (AcceptWord("in.scalars")) return new Expr.ScalarCount();
        if (AcceptWord("in.size")) return new Expr.StructSize();
        if (AcceptWord("i")) return new Expr.Index();
        throw Error("expected a number, i, in.scalar[..], in.u64[..], in.scalars, in.size or (");
    }

    /// <summary>in.field.NAME: an integer field of the selector's structure input template.</summary>
    Expr ParseField()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        var name = _text[start.._pos];
        if (_template is null) throw Error("in.field.NAME reads a field of the structInput template, and this selector has none");
        var field = _template.Find(name) ?? throw Error($"'{name}' is not a field of the structInput template ({string.Join(", ", _template.Fields.Select(f => f.Name))})");
        if (!field.Type.IsInteger) throw Error($"{name} is a bytes field; in.field reads integer fields (in.u64[..] reads bytes)");
        return new Expr.FieldValue(_template, name);
    }

    Expr ParseIndexTail()
    {
        Enter();
        var index = ParseOr();
        Expect("]");
        _nesting--;
        return index;
    }

    /// <summary>One more level of (, [ or ~: refused past <see cref="MaxDepth"/>, before the recursion goes deeper.</summary>
    void Enter()
    {
        if (++_nesting > MaxDepth) throw Error($"nested more than {MaxDepth} levels deep");
    }

    /// <summary>Records the depth of a new operator node; refused past <see cref="MaxDepth"/> (a chain like 1+1+...+1 is as deep as it is long).</summary>
    Expr Node(Expr node, params Expr[] operands)
    {
        var depth = 1 + operands.Max(o => _depths.GetValueOrDefault(o, 1));
        if (depth > MaxDepth) throw Error($"more than {MaxDepth} levels of operators and parentheses");
        _depths[node] = depth;
        return node;
    }

    Expr ParseNumber()
    {
        var start = _pos;
        var hex = _text.AsSpan(_pos).StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex) _pos += 2;
        while (_pos < _text.Length && (hex ? char.IsAsciiHexDigit(_text[_pos]) : char.IsAsciiDigit(_text[_pos]))) _pos++;
        var digits = _text.AsSpan(hex ? start + 2 : start, _pos - (hex ? start + 2 : start));
        var ok = hex
            ? ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) throw Error(_pos - start > 24 ? $"bad number '{_text[start..(start + 24)]}…' (more than 64 bits)" : $"bad number '{_text[start.._pos]}'");
        return new Expr.Literal(value);
    }

    bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) return false;
        _pos += token.Length;
        return true;
    }

    bool AcceptWord(string word)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
        var end = _pos + word.Length;
        if (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] is '.' or '_' or '[')) return false;
        _pos = end;
        return true;
    }

    void Expect(string token)
    {
        if (!Accept(token)) throw Error($"expected '{token}'");
    }

    void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    FormatException Error(string message) => new($"column {_pos + 1}: {message} in \"{Excerpt()}\"");

    /// <summary>The text as the message quotes it: whole when short, else the part around the column.</summary>
    string Excerpt()
    {
        const int width = 60;
        if (_text.Length <= width) return _text;
        var start = Math.Clamp(_pos - width / 2, 0, _text.Length - width);
        return (start > 0 ? "…" : "") + _text.Substring(start, width) + (start + width < _text.Length ? "…" : "");
    }
}
