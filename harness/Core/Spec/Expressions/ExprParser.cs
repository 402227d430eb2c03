using System.Globalization;

namespace ConformanceKit.Spec.Expressions;

/// <summary>
/// Parses spec expressions: integers (decimal or 0x hex), i, in.scalar[e], in.u64[e], in.scalars,
/// in.size, ~, * + - &lt;&lt; &gt;&gt; &amp; ^ | (C precedence) and parentheses.
/// </summary>
public sealed class ExprParser
{
    readonly string _text;
    int _pos;

    ExprParser(string text) => _text = text;

    /// <exception cref="FormatException">with the column of the problem.</exception>
    public static Expr Parse(string text)
    {
        var parser = new ExprParser(text);
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
            left = new Expr.Binary(op[0], left, right);
        }
    }

    Expr ParseUnary()
    {
        SkipSpace();
        if (Accept("~")) return new Expr.Not(ParseUnary());
        return ParsePrimary();
    }

    Expr ParsePrimary()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw Error("expression ends too early");
        if (Accept("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }
        if (char.IsDigit(_text[_pos])) return ParseNumber();
        if (Accept("in.scalar[")) return new Expr.ScalarInput(ParseIndexTail());
        if (Accept("in.u64[")) return new Expr.StructWord(ParseIndexTail());
        if (AcceptWord("in.scalars")) return new Expr.ScalarCount();
        if (AcceptWord("in.size")) return new Expr.StructSize();
        if (AcceptWord("i")) return new Expr.Index();
        throw Error("expected a number, i, in.scalar[..], in.u64[..], in.scalars, in.size or (");
    }

    Expr ParseIndexTail()
    {
        var index = ParseOr();
        Expect("]");
        return index;
    }

    Expr ParseNumber()
    {
        var start = _pos;
        var hex = _text.AsSpan(_pos).StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex) _pos += 2;
        while (_pos < _text.Length && (hex ? Uri.IsHexDigit(_text[_pos]) : char.IsDigit(_text[_pos]))) _pos++;
        var digits = _text.AsSpan(hex ? start + 2 : start, _pos - (hex ? start + 2 : start));
        var ok = hex
            ? ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) throw Error($"bad number '{_text[start.._pos]}'");
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

    FormatException Error(string message) => new($"column {_pos + 1}: {message} in \"{_text}\"");
}
