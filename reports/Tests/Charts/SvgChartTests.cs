using System.Globalization;
using System.Xml.Linq;
using ConformanceKit.Reports.Export.Charts;

namespace ConformanceKit.Reports.Tests.Charts;

[TestFixture]
public class SvgChartTests
{
    static readonly XNamespace Svg = SvgWriter.Namespace;

    static ChartPanel[] Panels() =>
    [
        new("paths", [
            new ChartSeries("main", [new(0, 100), new(30, 250), new(60, 320)], SvgChart.Palette[0]),
            new ChartSeries("sec1", [new(0, 90), new(30, 240), new(60, 310)], SvgChart.Palette[1]),
        ]),
        new("exec/s", [
            new ChartSeries("main", [new(0, 650.5), new(30, 700), new(60, 722.5)], SvgChart.Palette[0]),
            new ChartSeries("sec1", [], SvgChart.Palette[1], Legend: "sec1: not in plot_data"),
        ], Counts: false),
        new("findings", [new ChartSeries("findings", [new(0, 0), new(12, 1), new(40, 2), new(60, 2)], "#c62828", Step: true,
            Marks: [new(12, 1), new(40, 2)])]),
    ];

    static string Draw(ChartPanel[]? panels = null, string title = "NullDriver fuzz campaign: progress over time") =>
        SvgChart.StackedLines(title, "asan build, socket transport", "time since the campaign started (s)", 60, panels ?? Panels(),
            [new ChartEvent(7, "afl-fuzz started")]);

    [Test]
    public void TheChartIsWellFormedSvg()
    {
        var svg = XDocument.Parse(Draw());
        Assert.That(svg.Root!.Name, Is.EqualTo(Svg + "svg"));
        Assert.That(svg.Root.Attribute("viewBox")!.Value, Does.StartWith("0 0 720 "));
        Assert.That(svg.Descendants(Svg + "script"), Is.Empty, "no runtime script");
        Assert.That(svg.Root.Element(Svg + "title")!.Value, Is.EqualTo("NullDriver fuzz campaign: progress over time"));
    }

    [Test]
    public void EachSeriesWithPointsIsOnePolylineInItsPanel()
    {
        var svg = XDocument.Parse(Draw());
        var panels = Groups(svg, "panel").ToArray();
        Assert.That(panels.Select(p => p.Attribute("data-panel")!.Value), Is.EqualTo(new[] { "paths", "exec/s", "findings" }));
        Assert.That(panels.Select(p => p.Descendants(Svg + "polyline").Count()), Is.EqualTo(new[] { 2, 1, 1 }), "a series without points draws no line");
        Assert.That(Groups(panels[0], "series").Select(g => g.Attribute("data-series")!.Value), Is.EqualTo(new[] { "main", "sec1" }));
    }

    [Test]
    public void EveryPanelHasALegendNamingEachSeries()
    {
        var svg = XDocument.Parse(Draw());
        var legends = Groups(svg, "panel").Select(p => Texts(Groups(p, "legend").Single()).ToArray()).ToArray();
        Assert.That(legends[0], Is.EqualTo(new[] { "main", "sec1" }));
        Assert.That(legends[1], Is.EqualTo(new[] { "main", "sec1: not in plot_data" }));
        Assert.That(legends[2], Is.EqualTo(new[] { "findings" }));
    }

    [Test]
    public void TheAxesAreLabelledAndTicked()
    {
        var svg = XDocument.Parse(Draw());
        var texts = Texts(svg.Root!).ToArray();
        Assert.That(texts, Does.Contain("time since the campaign started (s)"));
        var paths = Groups(svg, "panel").First();
        Assert.That(Texts(Groups(paths, "axis y").Single()), Is.EqualTo(new[] { "0", "100", "200", "300", "400" }));
        Assert.That(Texts(Groups(paths, "axis x").Single()), Is.EqualTo(new[] { "0", "10", "20", "30", "40", "50", "60" }));
        Assert.That(Texts(Groups(svg, "event").First()), Is.EqualTo(new[] { "afl-fuzz started" }), "labelled in the first panel only");
        Assert.That(Groups(svg, "event").Count(), Is.EqualTo(3), "and marked in every panel");
    }

    [Test]
    public void AStepSeriesIsAStaircaseWithMarkersOnlyWhereItSteps()
    {
        var findings = Groups(XDocument.Parse(Draw()), "panel").Last();
        var series = Groups(findings, "series").Single();
        var points = series.Element(Svg + "polyline")!.Attribute("points")!.Value.Split(' ');
        Assert.That(points, Has.Length.EqualTo(7), "4 points, each after the first preceded by a horizontal step");
        var ys = points.Select(p => p.Split(',')[1]).ToArray();
        Assert.That(ys[1], Is.EqualTo(ys[0]), "level until the first finding");
        Assert.That(series.Elements(Svg + "circle").Count(), Is.EqualTo(2), "a marker per finding, none at the staircase's ends");
    }

    [Test]
    public void APanelWithoutDataSaysSo()
    {
        var svg = XDocument.Parse(Draw([new ChartPanel("paths", [new ChartSeries("main", [], "#000000")])]));
        Assert.That(Texts(svg.Root!), Does.Contain("no data"));
        Assert.That(svg.Descendants(Svg + "polyline"), Is.Empty);
    }

    [Test]
    public void TextIsEscaped()
    {
        const string title = "a <b> & \"c\" 'd' \u0001 — ü";
        var svg = XDocument.Parse(Draw(title: title));
        Assert.That(svg.Root!.Element(Svg + "title")!.Value, Is.EqualTo("a <b> & \"c\" 'd'  — ü"), "markup kept as text, control characters dropped");
    }

    [Test]
    public void TheSameInputGivesTheSameBytesWhateverTheCulture()
    {
        var first = Draw();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            Assert.That(Draw(), Is.EqualTo(first));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
        Assert.That(first, Does.Not.Contain("\r"));
    }

    static IEnumerable<XElement> Groups(XContainer root, string cssClass) =>
        root.Descendants(Svg + "g").Where(g => g.Attribute("class")?.Value == cssClass);

    static IEnumerable<string> Texts(XContainer root) => root.Descendants(Svg + "text").Select(t => t.Value);
}

[TestFixture]
public class AxisScaleTests
{
    [TestCase(0, 38.2, 4, 0, 40, 10)]
    [TestCase(0, 722.5, 4, 0, 800, 200)]
    [TestCase(0, 0, 4, 0, 1, 0.25)]
    [TestCase(0, 2103, 5, 0, 2500, 500)]
    [TestCase(-3, 9, 4, -5, 10, 5)]
    public void TicksAreNiceAndCoverTheData(double low, double high, int ticks, double min, double max, double step)
    {
        var axis = AxisScale.For(low, high, ticks);
        Assert.That((axis.Min, axis.Max, axis.Step), Is.EqualTo((min, max, step)));
    }

    [Test]
    public void ATightAxisEndsAtTheDataWithTicksOnlyInside()
    {
        var axis = AxisScale.For(0, 38.2, ticks: 4, tight: true);
        Assert.That(axis.Max, Is.EqualTo(38.2));
        Assert.That(axis.Ticks, Is.EqualTo(new[] { 0.0, 10, 20, 30 }));
    }

    [Test]
    public void ACountAxisHasWholeSteps()
    {
        var axis = AxisScale.For(0, 2, ticks: 4, counts: true);
        Assert.That(axis.Ticks, Is.EqualTo(new[] { 0.0, 1, 2 }));
    }

    [TestCase(2500, 500, "2,500")]
    [TestCase(40000, 10000, "40k")]
    [TestCase(12500, 2500, "12.5k")]
    [TestCase(1500000, 500000, "1.5M")]
    [TestCase(2.5, 2.5, "2.5")]
    [TestCase(0.25, 0.25, "0.25")]
    [TestCase(722.5, 0.1, "722.5")]
    public void LabelsAreShortAndExact(double value, double step, string label) =>
        Assert.That(AxisScale.Format(value, step), Is.EqualTo(label));
}
