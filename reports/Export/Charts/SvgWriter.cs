using System.Globalization;
using System.Text;

namespace ConformanceKit.Reports.Export.Charts;

/// <summary>
/// Writes the SVG of our charts: elements with escaped text and attributes, numbers in the invariant
/// culture rounded to 0.01 px, "\n" line ends, nothing that depends on the clock or the machine — the
/// same chart gives the same bytes. No scripts, no external references: Allure 3 shows an
/// image/svg+xml attachment as an image, where neither would run anyway.
/// </summary>
public sealed class SvgWriter
{
    public const string Namespace = "http://www.w3.org/2000/svg";
    public const string FontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";

    readonly StringBuilder text = new();
    int depth;

    public SvgWriter(double width, double height, string title)
    {
        text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        Open("svg", ("xmlns", Namespace), ("width", Num(width)), ("height", Num(height)), ("viewBox", $"0 0 {Num(width)} {Num(height)}"),
            ("font-family", FontFamily), ("font-size", "11"), ("role", "img"));
        Element("title", title);
        Empty("rect", ("width", Num(width)), ("height", Num(height)), ("fill", "#ffffff"));
    }

    /// <summary>An element left open until <see cref="Close"/>.</summary>
    public SvgWriter Open(string name, params (string Name, string? Value)[] attributes)
    {
        Indent().Append('<').Append(name);
        Attributes(attributes);
        text.Append(">\n");
        depth++;
        return this;
    }

    public SvgWriter Close(string name)
    {
        depth--;
        Indent().Append("</").Append(name).Append(">\n");
        return this;
    }

    /// <summary>An element with text content.</summary>
    public SvgWriter Element(string name, string content, params (string Name, string? Value)[] attributes)
    {
        Indent().Append('<').Append(name);
        Attributes(attributes);
        text.Append('>').Append(Escape(content)).Append("</").Append(name).Append(">\n");
        return this;
    }

    public SvgWriter Empty(string name, params (string Name, string? Value)[] attributes)
    {
        Indent().Append('<').Append(name);
        Attributes(attributes);
        text.Append("/>\n");
        return this;
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null) =>
        Empty("line", ("x1", Num(x1)), ("y1", Num(y1)), ("x2", Num(x2)), ("y2", Num(y2)), ("stroke", stroke),
            ("stroke-width", Num(width)), ("stroke-dasharray", dash));

    public SvgWriter Text(double x, double y, string content, string anchor = "start", double size = 11, string fill = "#333333", string? weight = null, string? cssClass = null) =>
        Element("text", content, ("x", Num(x)), ("y", Num(y)), ("text-anchor", anchor == "start" ? null : anchor),
            ("font-size", size == 11 ? null : Num(size)), ("fill", fill), ("font-weight", weight), ("class", cssClass));

    public SvgWriter Rect(double x, double y, double width, double height, string fill, string? stroke = null, string? cssClass = null) =>
        Empty("rect", ("x", Num(x)), ("y", Num(y)), ("width", Num(Math.Max(0, width))), ("height", Num(Math.Max(0, height))),
            ("fill", fill), ("stroke", stroke), ("class", cssClass));

    public string Finish()
    {
        Close("svg");
        return text.ToString();
    }

    void Attributes((string Name, string? Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
            if (value is not null) text.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
    }

    StringBuilder Indent() => text.Append(' ', depth * 2);

    /// <summary>XML-escapes text and attribute values, and drops characters XML 1.0 cannot hold.</summary>
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                // A pair is one character outside the BMP; a lone half is not a character at all.
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) escaped.Append(c).Append(value[++i]);
                continue;
            }
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                case '\t' or '\n' or '\r': escaped.Append(' '); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>A coordinate: invariant culture, at most two decimals, never "-0".</summary>
    public static string Num(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0 || !double.IsFinite(rounded)) rounded = 0;
        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Width of a text in px at the given font size, roughly (no font metrics here): for layout only.</summary>
    public static double TextWidth(string content, double size = 11) => content.Length * size * 0.6;
}
