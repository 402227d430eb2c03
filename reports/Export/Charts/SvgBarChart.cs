namespace ConformanceKit.Reports.Export.Charts;

/// <summary>
/// One bar of a row; <paramref name="Value"/> null draws no bar, only the caption (a figure the input
/// does not record). <paramref name="Kind"/> names what it measures, for the legend and for tests.
/// </summary>
public sealed record Bar(string Kind, double? Value, string Fill, string Caption);

/// <summary>A group of bars under one label (a rule's selector row).</summary>
public sealed record BarRow(string Label, IReadOnlyList<Bar> Bars);

/// <summary>Rows under a heading (a rule), the heading in its own colour (the rule's status).</summary>
public sealed record BarSection(string Heading, string HeadingColor, IReadOnlyList<BarRow> Rows);

/// <summary>A legend swatch.</summary>
public sealed record LegendSwatch(string Label, string Fill, string? Stroke = null);

/// <summary>
/// Horizontal grouped bars on one linear axis from zero: sections (rules) of rows (selectors), each row
/// a few thin bars with a caption at the end of each. Linear on purpose: run against reached is read as
/// the two lengths of one row, and a log axis would shrink exactly that difference.
/// </summary>
public static class SvgBarChart
{
    public const double Width = 760;
    const double Margin = 14, Top = 96, BarHeight = 9, BarGap = 2, RowPadding = 8, HeadingHeight = 20, CaptionReserve = 190;

    public static string Horizontal(string title, string subtitle, string valueLabel, IReadOnlyList<BarSection> sections, IReadOnlyList<LegendSwatch> legend)
    {
        var labels = sections.SelectMany(s => s.Rows).Select(r => r.Label).ToArray();
        var labelWidth = Math.Clamp(labels.Select(l => SvgWriter.TextWidth(l, 11)).DefaultIfEmpty(0).Max(), 60, 220);
        var plotLeft = Margin + 16 + labelWidth + 8;
        var plotRight = Width - Margin - CaptionReserve;
        var values = sections.SelectMany(s => s.Rows).SelectMany(r => r.Bars).Select(b => b.Value ?? 0).ToArray();
        var axis = AxisScale.For(0, values.DefaultIfEmpty(0).Max(), ticks: 5, counts: true);
        double X(double value) => axis.Map(value, plotLeft, plotRight);

        var bars = sections.SelectMany(s => s.Rows).Select(r => r.Bars.Count).DefaultIfEmpty(1).Max();
        var rowHeight = bars * BarHeight + (bars - 1) * BarGap + RowPadding;
        var bodyHeight = sections.Sum(s => HeadingHeight + s.Rows.Count * rowHeight);
        var height = Top + bodyHeight + 46;

        var svg = new SvgWriter(Width, height, title);
        svg.Text(Margin, 22, title, size: 14, fill: "#111111", weight: "bold", cssClass: "chart-title");
        svg.Text(Margin, 40, subtitle, fill: "#555555", cssClass: "chart-subtitle");
        DrawLegend(svg, legend, Margin, 54);

        var top = Top;
        var bottom = Top + bodyHeight;
        svg.Open("g", ("class", "axis x"));
        foreach (var tick in axis.Ticks)
        {
            svg.Line(X(tick), top - 4, X(tick), bottom, tick == 0 ? "#999999" : "#e6e6e6");
            svg.Text(X(tick), top - 7, axis.Label(tick), anchor: "middle", size: 10, fill: "#555555", cssClass: "tick");
            svg.Text(X(tick), bottom + 13, axis.Label(tick), anchor: "middle", size: 10, fill: "#555555", cssClass: "tick");
        }
        svg.Close("g");
        svg.Text((plotLeft + plotRight) / 2, bottom + 30, valueLabel, anchor: "middle", fill: "#333333", cssClass: "axis-label");

        var y = top;
        foreach (var section in sections)
        {
            svg.Open("g", ("class", "section"), ("data-section", section.Heading));
            svg.Text(Margin, y + 14, section.Heading, size: 11.5, fill: section.HeadingColor, weight: "bold", cssClass: "section-heading");
            y += HeadingHeight;
            foreach (var row in section.Rows)
            {
                svg.Open("g", ("class", "row"), ("data-row", row.Label));
                var barTop = y + RowPadding / 2;
                svg.Text(Margin + 16, barTop + (rowHeight - RowPadding) / 2 + 4, row.Label, fill: "#333333", cssClass: "row-label");
                foreach (var bar in row.Bars)
                {
                    var end = plotLeft;
                    if (bar.Value is { } value)
                    {
                        end = X(value);
                        svg.Rect(plotLeft, barTop, end - plotLeft, BarHeight, bar.Fill, cssClass: "bar " + bar.Kind);
                    }
                    svg.Text(end + 4, barTop + BarHeight - 1, bar.Caption, size: 9.5, fill: bar.Value is null ? "#888888" : "#333333", cssClass: "caption");
                    barTop += BarHeight + BarGap;
                }
                svg.Close("g");
                y += rowHeight;
            }
            svg.Close("g");
        }
        return svg.Finish();
    }

    static void DrawLegend(SvgWriter svg, IReadOnlyList<LegendSwatch> legend, double left, double top)
    {
        svg.Open("g", ("class", "legend"));
        var x = left;
        foreach (var swatch in legend)
        {
            svg.Rect(x, top, 14, 10, swatch.Fill, swatch.Stroke, cssClass: "swatch");
            svg.Text(x + 19, top + 9, swatch.Label, size: 10.5, fill: "#333333", cssClass: "legend-entry");
            x += 19 + SvgWriter.TextWidth(swatch.Label, 10.5) + 16;
        }
        svg.Close("g");
    }
}
