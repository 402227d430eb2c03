using System.Text.Json.Nodes;
using System.Xml.Linq;
using ConformanceKit.Contracts.Check;
using ConformanceKit.Reports.Export.Charts;
using ConformanceKit.Reports.Export.Check;
using ConformanceKit.Reports.Export.Common;
using ConformanceKit.Reports.Tests.Support;

namespace ConformanceKit.Reports.Tests.Charts;

[TestFixture]
public class CheckReachChartTests
{
    static readonly XNamespace Svg = SvgWriter.Namespace;

    /// <summary>The fixture as a file written before check counted reached programs and calls.</summary>
    public static string WithoutReached(string json)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var row in root["rules"]!.AsArray().SelectMany(r => r!["selectors"]!.AsArray()))
        {
            row!.AsObject().Remove("reached");
            row.AsObject().Remove("calls");
        }
        return root.ToJsonString();
    }

    static CheckFile Sample => CheckFile.Read(Fixtures.CheckJson("NullDriver"));

    static IEnumerable<XElement> Groups(XContainer root, string cssClass) =>
        root.Descendants(Svg + "g").Where(g => g.Attribute("class")?.Value == cssClass);

    static IEnumerable<XElement> Bars(XContainer root, string kind) =>
        root.Descendants(Svg + "rect").Where(r => r.Attribute("class")?.Value == $"bar {kind}");

    [Test]
    public void OneBarGroupPerRowUnderItsRuleWithProgramsAndReached()
    {
        var svg = XDocument.Parse(CheckReachChart.For(Sample));
        var sections = Groups(svg, "section").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(sections.Select(s => s.Attribute("data-section")!.Value), Is.EqualTo(new[]
            {
                "dispatch.shape — held", "dispatch.accept — held", "selector.range — held", "memory.safety — failed",
                "async.register-before-request — held", "async.delivery — failed", "objects.balance — failed", "access.entitlement — held",
            }));
            Assert.That(Groups(svg, "row").Count(), Is.EqualTo(24));
            Assert.That(Bars(svg, "programs").Count(), Is.EqualTo(24));
            Assert.That(Bars(svg, "reached").Count(), Is.EqualTo(24));
            Assert.That(Groups(sections[3], "row").Select(r => r.Attribute("data-row")!.Value),
                Is.EqualTo(new[] { "0 Scalar", "1 Struct", "2 CheckedScalar", "3 CheckedStruct", "4 RegisterAsyncCallback", "5 AsyncRequest" }));
            Assert.That(Groups(sections[2], "row").Single().Attribute("data-row")!.Value, Is.EqualTo("any selector"));
        });
    }

    [Test]
    public void BarsAreColouredByTheRowsVerdict()
    {
        var svg = XDocument.Parse(CheckReachChart.For(Sample));
        string Fill(string section, string row, string kind) =>
            Bars(Groups(Groups(svg, "section").Single(s => s.Attribute("data-section")!.Value.StartsWith(section + " ", StringComparison.Ordinal)), "row")
                .Single(r => r.Attribute("data-row")!.Value == row), kind).Single().Attribute("fill")!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(Fill("memory.safety", "1 Struct", "reached"), Is.EqualTo(CheckReachChart.Failed.Solid));
            Assert.That(Fill("memory.safety", "1 Struct", "programs"), Is.EqualTo(CheckReachChart.Failed.Light));
            Assert.That(Fill("memory.safety", "0 Scalar", "reached"), Is.EqualTo(CheckReachChart.Held.Solid));
            Assert.That(Fill("dispatch.shape", "0 Scalar", "reached"), Is.EqualTo(CheckReachChart.NotApplicable.Solid));
        });
    }

    [Test]
    public void EachRowSaysItsNumbers()
    {
        var svg = XDocument.Parse(CheckReachChart.For(Sample));
        var row = Groups(Groups(svg, "section").Single(s => s.Attribute("data-section")!.Value == "memory.safety — failed"), "row")
            .Single(r => r.Attribute("data-row")!.Value == "1 Struct");
        Assert.That(row.Descendants(Svg + "text").Select(t => t.Value), Is.EqualTo(new[] { "1 Struct", "151 run", "151 reached (100%) · 457 calls" }));
        Assert.That(svg.Descendants(Svg + "text").Select(t => t.Value), Does.Contain("programs (generated and run, shrinking included)"));
    }

    [Test]
    public void AnOldFileShowsProgramsOnlyAndSaysReachedIsNotRecorded()
    {
        using var dir = new TemporaryDirectory("reach-old");
        var path = dir.Combine("old.json");
        File.WriteAllText(path, WithoutReached(File.ReadAllText(Fixtures.CheckJson("NullDriver"))));
        var check = CheckFile.Read(path);
        Assert.That(check.Rules.SelectMany(r => r.Selectors).Select(r => r.Reached), Is.All.Null);

        var svg = XDocument.Parse(CheckReachChart.For(check));
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(Bars(svg, "programs").Count(), Is.EqualTo(24));
            Assert.That(Bars(svg, "reached"), Is.Empty);
            Assert.That(texts.Count(t => t == "reached: not recorded"), Is.EqualTo(24));
            Assert.That(texts.Single(t => t.StartsWith("seed ", StringComparison.Ordinal)), Does.Contain("not recorded in this file"));
        });
    }

    [Test]
    public void FewerReachedThanRunIsAShorterBarAndAShare()
    {
        var check = Sample with
        {
            Rules = [new CheckFile.RuleEntry("selector.range", RuleStatus.Held, [new CheckFile.RowEntry(null, null, RuleStatus.Held, 200, 50, 75, null)])],
        };
        var svg = XDocument.Parse(CheckReachChart.For(check));
        var programs = double.Parse(Bars(svg, "programs").Single().Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var reached = double.Parse(Bars(svg, "reached").Single().Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(reached / programs, Is.EqualTo(0.25).Within(0.01));
        Assert.That(svg.Descendants(Svg + "text").Select(t => t.Value), Does.Contain("50 reached (25%) · 75 calls"));
    }

    [TestCase(1999, 2000, "99.9%")]
    [TestCase(2000, 2000, "100%")]
    [TestCase(0, 104, "0%")]
    [TestCase(1, 3, "33.3%")]
    public void TheShareIsRoundedDown(int part, int whole, string share) =>
        Assert.That(CheckReachChart.Percent(part, whole), Is.EqualTo(share));

    [Test]
    public void TheSameCheckGivesTheSameSvg() =>
        Assert.That(CheckReachChart.For(Sample), Is.EqualTo(CheckReachChart.For(Sample)));
}
