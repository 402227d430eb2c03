namespace ConformanceKit.Reports.Export.Charts;

/// <summary>A point of a series, in the units of its axes.</summary>
public readonly record struct ChartPoint(double X, double Y);

/// <summary>
/// One line of a panel. <paramref name="Step"/> draws it as a staircase (the value holds until the next
/// point: a count of findings); <paramref name="Legend"/> is what the legend says, the name by default;
/// <paramref name="Marks"/> are the points that get a marker, when not all of them are events (the
/// start and end of a staircase are not).
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, string Color, bool Step = false, string? Legend = null,
    IReadOnlyList<ChartPoint>? Marks = null);

/// <summary>A moment marked across every panel by a dashed vertical line, labelled in the first.</summary>
public sealed record ChartEvent(double X, string Label);

/// <summary>One panel of a stacked chart: its own y axis and legend, the chart's shared x axis. <paramref name="Counts"/>: whole-number ticks.</summary>
public sealed record ChartPanel(string Title, IReadOnlyList<ChartSeries> Series, bool Counts = true);

/// <summary>
/// Small multiples: line panels stacked on one x axis (afl-plot draws its figures the same way, one
/// quantity per picture). Each panel has its title, a legend naming every series, a y axis from zero
/// with ticks and grid lines, and the x axis ticked under it. A series is one &lt;polyline&gt; (with a
/// marker per point when there are few points, so a series of one sample still shows); a panel with
/// no data says so. The classes (panel, legend, series, line, marker, axis, tick) are for tests and
/// for anyone restyling the SVG.
/// </summary>
public static class SvgChart
{
    public const double Width = 720;
    const double Left = 70, Right = 18, Top = 56, PlotHeight = 112, PanelGap = 30, LegendLine = 15, TitleLine = 17;
    const int MarkersUpTo = 60;

    /// <summary>The palette lines take in turn: distinct, and still apart for common colour blindness.</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#d62728"];

    public static string StackedLines(string title, string subtitle, string xLabel, double xMax, IReadOnlyList<ChartPanel> panels,
        IReadOnlyList<ChartEvent>? events = null)
    {
        events ??= [];
        var plotWidth = Width - Left - Right;
        var xs = panels.SelectMany(p => p.Series).SelectMany(s => s.Points).Select(p => p.X).Concat(events.Select(e => e.X)).ToArray();
        var x = AxisScale.For(xs.Length > 0 ? xs.Min() : 0, Math.Max(xMax, xs.Length > 0 ? xs.Max() : 0), ticks: 6, tight: true);

        var layouts = panels.Select(p => (Panel: p, Legend: LegendRows(p.Series, plotWidth))).ToArray();
        var height = Top + layouts.Sum(l => TitleLine + l.Legend.Count * LegendLine + 6 + PlotHeight + PanelGap) + 12;

        var svg = new SvgWriter(Width, height, title);
        svg.Text(Left, 22, title, size: 14, fill: "#111111", weight: "bold", cssClass: "chart-title");
        svg.Text(Left, 40, subtitle, fill: "#555555", cssClass: "chart-subtitle");

        var y = Top;
        var first = true;
        foreach (var (panel, legend) in layouts)
        {
            svg.Open("g", ("class", "panel"), ("data-panel", panel.Title));
            svg.Text(Left, y + 12, panel.Title, size: 12, fill: "#111111", weight: "bold", cssClass: "panel-title");
            y += TitleLine;
            DrawLegend(svg, legend, Left, y);
            y += legend.Count * LegendLine + 6;
            DrawPanel(svg, panel, x, Left, y, plotWidth, PlotHeight);
            DrawEvents(svg, events, x, Left, y, plotWidth, PlotHeight, labelled: first);
            first = false;
            y += PlotHeight + PanelGap;
            svg.Close("g");
        }
        svg.Text(Left + plotWidth / 2, y - PanelGap + 30, xLabel, anchor: "middle", fill: "#333333", cssClass: "axis-label");
        return svg.Finish();
    }

    static void DrawPanel(SvgWriter svg, ChartPanel panel, AxisScale x, double left, double top, double width, double height)
    {
        var values = panel.Series.SelectMany(s => s.Points).Select(p => p.Y).ToArray();
        var yAxis = AxisScale.For(values.Length > 0 ? values.Min() : 0, values.Length > 0 ? values.Max() : 0, ticks: 4, counts: panel.Counts);
        double X(double value) => x.Map(value, left, left + width);
        double Y(double value) => yAxis.Map(value, top + height, top);

        svg.Open("g", ("class", "axis y"));
        foreach (var tick in yAxis.Ticks)
        {
            svg.Line(left, Y(tick), left + width, Y(tick), tick == 0 ? "#999999" : "#e6e6e6");
            svg.Text(left - 6, Y(tick) + 4, yAxis.Label(tick), anchor: "end", size: 10, fill: "#555555", cssClass: "tick");
        }
        svg.Close("g");
        svg.Open("g", ("class", "axis x"));
        svg.Line(left, top, left, top + height, "#999999");
        foreach (var tick in x.Ticks)
        {
            svg.Line(X(tick), top + height, X(tick), top + height + 4, "#999999");
            svg.Text(X(tick), top + height + 15, x.Label(tick), anchor: "middle", size: 10, fill: "#555555", cssClass: "tick");
        }
        svg.Close("g");

        if (values.Length == 0)
        {
            svg.Text(left + width / 2, top + height / 2, "no data", anchor: "middle", fill: "#999999", cssClass: "no-data");
            return;
        }
        foreach (var series in panel.Series)
        {
            if (series.Points.Count == 0) continue;
            svg.Open("g", ("class", "series"), ("data-series", series.Name));
            var drawn = series.Step ? Staircase(series.Points) : series.Points;
            svg.Empty("polyline", ("class", "line"), ("fill", "none"), ("stroke", series.Color), ("stroke-width", "1.8"),
                ("stroke-linejoin", "round"), ("points", string.Join(" ", drawn.Select(p => $"{SvgWriter.Num(X(p.X))},{SvgWriter.Num(Y(p.Y))}"))));
            var marks = series.Marks ?? series.Points;
            if (marks.Count <= MarkersUpTo)
                foreach (var point in marks)
                    svg.Empty("circle", ("class", "marker"), ("cx", SvgWriter.Num(X(point.X))), ("cy", SvgWriter.Num(Y(point.Y))), ("r", "2.6"), ("fill", series.Color));
            svg.Close("g");
        }
    }

    static void DrawEvents(SvgWriter svg, IReadOnlyList<ChartEvent> events, AxisScale x, double left, double top, double width, double height, bool labelled)
    {
        foreach (var e in events)
        {
            var at = x.Map(e.X, left, left + width);
            svg.Open("g", ("class", "event"), ("data-event", e.Label));
            svg.Line(at, top, at, top + height, "#888888", 1, dash: "4 3");
            if (labelled)
            {
                var rightSide = at + 4 + SvgWriter.TextWidth(e.Label, 9.5) <= left + width;
                svg.Text(rightSide ? at + 4 : at - 4, top + 10, e.Label, anchor: rightSide ? "start" : "end", size: 9.5, fill: "#666666", cssClass: "event-label");
            }
            svg.Close("g");
        }
    }

    /// <summary>A value that holds until the next point: each point becomes a horizontal then a vertical segment.</summary>
    static List<ChartPoint> Staircase(IReadOnlyList<ChartPoint> points)
    {
        var steps = new List<ChartPoint> { points[0] };
        for (var i = 1; i < points.Count; i++)
        {
            steps.Add(new ChartPoint(points[i].X, points[i - 1].Y));
            steps.Add(points[i]);
        }
        return steps;
    }

    /// <summary>Legend entries laid out left to right, wrapped onto further rows when the plot is too narrow for them.</summary>
    static List<List<(ChartSeries Series, double X)>> LegendRows(IReadOnlyList<ChartSeries> series, double width)
    {
        var rows = new List<List<(ChartSeries, double)>> { new() };
        var x = 0.0;
        foreach (var entry in series)
        {
            var entryWidth = 22 + SvgWriter.TextWidth(entry.Legend ?? entry.Name, 10.5) + 16;
            if (x > 0 && x + entryWidth > width)
            {
                rows.Add([]);
                x = 0;
            }
            rows[^1].Add((entry, x));
            x += entryWidth;
        }
        return rows;
    }

    static void DrawLegend(SvgWriter svg, List<List<(ChartSeries Series, double X)>> rows, double left, double top)
    {
        svg.Open("g", ("class", "legend"));
        for (var row = 0; row < rows.Count; row++)
        {
            var baseline = top + row * LegendLine + 10;
            foreach (var (series, offset) in rows[row])
            {
                svg.Line(left + offset, baseline - 4, left + offset + 16, baseline - 4, series.Color, 2.5);
                svg.Text(left + offset + 22, baseline, series.Legend ?? series.Name, size: 10.5, fill: "#333333", cssClass: "legend-entry");
            }
        }
        svg.Close("g");
    }
}
