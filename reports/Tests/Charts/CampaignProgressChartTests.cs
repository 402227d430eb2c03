using System.Xml.Linq;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Reports.Export.Charts;
using ConformanceKit.Reports.Export.Fuzz;
using ConformanceKit.Reports.Tests.Support;

namespace ConformanceKit.Reports.Tests.Charts;

[TestFixture]
public class CampaignProgressChartTests
{
    static readonly XNamespace Svg = SvgWriter.Namespace;

    TemporaryDirectory directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = new TemporaryDirectory("progress");

    [TearDown]
    public void DeleteDirectory() => directory.Dispose();

    static CampaignFile Campaign(FuzzFolder folder, double duration = 60) => CampaignFile.Read(CampaignFile.PathIn(folder.Path)) with { DurationSeconds = duration };

    static CampaignProgressChart.Outcome Chart(FuzzFolder folder, double duration = 60, params double[] findingsAfter) =>
        CampaignProgressChart.For(folder.Path, Campaign(folder, duration), folder.StartedAt.ToUnixTimeMilliseconds(),
            findingsAfter.Select(s => folder.StartedAt.ToUnixTimeMilliseconds() + (long)(s * 1000)).ToArray());

    static string ThreeSamples(int scale = 1) =>
        FuzzFolder.PlotHeader + FuzzFolder.PlotRow(10, 200 * scale, 650, 0) + FuzzFolder.PlotRow(20, 260 * scale, 700, 12) + FuzzFolder.PlotRow(30, 320 * scale, 722.5, 42);

    [Test]
    public void TheRealCampaignsPlotDataIsDrawnAfterTheFuzzerStarted()
    {
        // As the real campaign left it: one sample at 30 s of the instance's run, afl-fuzz started 7 s after the campaign.
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 2);
        var instance = folder.Instance("main", File.ReadAllText(Fixtures.Afl("plot_data-4.04c")), startedAfter: 7);
        var outcome = Chart(folder, 38.2, 2, 6);

        Assert.That(outcome.Svg, Is.Not.Null, outcome.Note);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Instances, Is.EqualTo(new[] { "main" }));
            Assert.That(outcome.Samples, Is.EqualTo(1));
            Assert.That(outcome.Panels.Select(p => p.Title), Is.EqualTo(new[]
            {
                "paths (corpus count)", "exec/s", "saved crashes (crashing inputs afl-fuzz kept)", "distinct findings (triaged, one per signature)",
            }));
            Assert.That(outcome.Panels[0].Series.Single().Points, Is.EqualTo(new[] { new ChartPoint(37, 320) }), "30 s into afl-fuzz's run, 37 s into the campaign's");
            Assert.That(outcome.Panels[1].Series.Single().Points.Single().Y, Is.EqualTo(722.5));
            Assert.That(outcome.Panels[2].Series.Single().Points.Single().Y, Is.EqualTo(42));
            Assert.That(outcome.Events, Is.EqualTo(new[] { new ChartEvent(7, "afl-fuzz started") }));
            Assert.That(outcome.Note, Does.Contain(CampaignProgressChart.AttachmentName).And.Contain("main"));
        });
        Assert.That(instance, Does.EndWith(Path.Combine("afl", "main")));
    }

    [Test]
    public void FindingsAreAStaircaseOnTheSameTimeAxisFromStartToEnd()
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 2);
        folder.Instance("main", ThreeSamples());
        var findings = Chart(folder, 60, 40, 12).Panels[^1].Series.Single();
        Assert.Multiple(() =>
        {
            Assert.That(findings.Step, Is.True);
            Assert.That(findings.Marks, Is.EqualTo(new[] { new ChartPoint(12, 1), new ChartPoint(40, 2) }), "in the order they were found");
            Assert.That(findings.Points[0], Is.EqualTo(new ChartPoint(0, 0)));
            Assert.That(findings.Points[^1], Is.EqualTo(new ChartPoint(60, 2)), "held until the campaign ended");
            Assert.That(findings.Legend, Is.EqualTo("distinct findings: 2"));
        });
    }

    [Test]
    public void EveryInstanceIsALineInEveryPanelMainFirstThenByNumber()
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 1);
        foreach (var name in new[] { "sec10", "sec2", "main", "sec1" }) folder.Instance(name, ThreeSamples(name.Length));
        var outcome = Chart(folder, 60, 25);
        var svg = XDocument.Parse(outcome.Svg!);
        var panels = svg.Descendants(Svg + "g").Where(g => g.Attribute("class")?.Value == "panel").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Instances, Is.EqualTo(new[] { "main", "sec1", "sec2", "sec10" }));
            Assert.That(panels.Select(p => p.Descendants(Svg + "polyline").Count()), Is.EqualTo(new[] { 4, 4, 4, 1 }));
            var legend = panels[0].Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "legend");
            Assert.That(legend.Descendants(Svg + "text").Select(t => t.Value), Is.EqualTo(new[] { "main: 1,280", "sec1: 1,280", "sec2: 1,280", "sec10: 1,600" }));
            var colours = panels[0].Descendants(Svg + "polyline").Select(p => p.Attribute("stroke")!.Value).ToArray();
            Assert.That(colours, Is.Unique, "each instance its own colour");
            Assert.That(outcome.Samples, Is.EqualTo(12));
        });
    }

    [Test]
    public void AnOlderPlotDataWithUnixTimeIsPlacedByTheClock()
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 0);
        var start = folder.StartedAt.ToUnixTimeSeconds();
        folder.Instance("main",
            "# unix_time, cycles_done, cur_path, paths_total, pending_total, pending_favs, map_size, unique_crashes, unique_hangs, max_depth, execs_per_sec\n" +
            $"{start + 15}, 0, 1, 100, 45, 0, 2.70%, 0, 0, 9, 1645.47\n{start + 45}, 0, 2, 140, 44, 0, 2.71%, 1, 0, 9, 1650.00\n");
        var outcome = Chart(folder);
        Assert.That(outcome.Panels[0].Series.Single().Points, Is.EqualTo(new[] { new ChartPoint(15, 100), new ChartPoint(45, 140) }));
        Assert.That(outcome.Panels[2].Series.Single().Points.Select(p => p.Y), Is.EqualTo(new[] { 0.0, 1 }));
        Assert.That(outcome.Events, Is.Empty, "no instance start to mark");
    }

    [Test]
    public void ALongCampaignIsDrawnInMinutes()
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 0);
        folder.Instance("main", FuzzFolder.PlotHeader + FuzzFolder.PlotRow(600, 300, 700, 0) + FuzzFolder.PlotRow(1800, 500, 690, 1));
        var outcome = Chart(folder, 1800);
        Assert.That(outcome.Unit, Is.EqualTo(60));
        Assert.That(outcome.Panels[0].Series.Single().Points.Select(p => p.X), Is.EqualTo(new[] { 10.0, 30 }));
        Assert.That(outcome.Svg, Does.Contain("time since the campaign started (min)"));
    }

    [Test]
    public void WithoutPlotDataThereIsNoChartAndANoteSaysWhy()
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 1);
        var outcome = Chart(folder, 60, 12);
        Assert.That(outcome.Svg, Is.Null);
        Assert.That(outcome.Note, Is.EqualTo("No progress chart: the campaign folder has no AFL++ instance folder (afl/<instance>/plot_data)."));
    }

    [TestCase("", "afl/main: plot_data is empty")]
    [TestCase(FuzzFolder.PlotHeader, "afl/main: plot_data has no samples yet")]
    [TestCase("30, 0, 1, 320\nnot, a, row\n", "afl/main: plot_data has no header naming its columns")]
    public void AnEmptyOrUnusablePlotDataGivesNoChartAndNoException(string plotData, string reason)
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 0);
        folder.Instance("main", plotData);
        var outcome = Chart(folder);
        Assert.That(outcome.Svg, Is.Null);
        Assert.That(outcome.Note, Is.EqualTo($"No progress chart: {reason}."));
    }

    [Test]
    public void AnInstanceFolderWithoutPlotDataIsLeftOutOfTheChart()
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 0);
        folder.Instance("main", ThreeSamples());
        Directory.CreateDirectory(Path.Combine(folder.Path, "afl", "sec1")); // started, killed before it wrote anything
        var outcome = Chart(folder);
        Assert.That(outcome.Instances, Is.EqualTo(new[] { "main" }));
    }

    [Test]
    public void ADaysWorthOfSamplesIsThinnedToAboutOnePointPerPixel()
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 0);
        folder.Instance("main", FuzzFolder.PlotHeader + string.Concat(Enumerable.Range(1, 17_280).Select(i => FuzzFolder.PlotRow(i * 5, 300 + i / 100, 700, i / 1000))));
        var outcome = Chart(folder, 86_400);
        var paths = outcome.Panels[0].Series.Single().Points;
        Assert.That(paths, Has.Count.EqualTo(CampaignProgressChart.MaxPointsPerSeries));
        Assert.That(paths[0], Is.EqualTo(new ChartPoint(5 / 3600.0, 300)));
        Assert.That(paths[^1], Is.EqualTo(new ChartPoint(24, 300 + 172)), "the last sample is kept");
        Assert.That(outcome.Samples, Is.EqualTo(17_280));
        Assert.That(outcome.Svg!.Length, Is.LessThan(200_000));
    }

    [Test]
    public void TheSameCampaignGivesTheSameSvg()
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 2);
        folder.Instance("main", ThreeSamples(), startedAfter: 3);
        folder.Instance("sec1", ThreeSamples(2), startedAfter: 4);
        Assert.That(Chart(folder, 60, 12, 40).Svg, Is.EqualTo(Chart(folder, 60, 12, 40).Svg));
    }

    [Test]
    public void AFindingWithoutFirstSeenIsPlacedWhenItsRecordWasWritten()
    {
        var folder = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 1);
        var finding = folder.Finding("memory.safety-1", "memory.safety", 1, "crash", true, "NullDriver", "dext/NullDriver", firstSeen: null);
        var written = folder.StartedAt.AddSeconds(33);
        File.SetLastWriteTimeUtc(Path.Combine(finding, "finding.json"), written.UtcDateTime);
        var record = FindingFile.ReadFrom(finding);
        Assert.That(CampaignProgressChart.FirstSeen(finding, record), Is.EqualTo(written.ToUnixTimeMilliseconds()));
        Assert.That(CampaignProgressChart.FirstSeen(finding, record with { FirstSeen = folder.StartedAt.AddSeconds(5) }),
            Is.EqualTo(folder.StartedAt.AddSeconds(5).ToUnixTimeMilliseconds()), "firstSeen when it is recorded");
        Assert.That(CampaignProgressChart.FirstSeen(finding, null), Is.EqualTo(written.ToUnixTimeMilliseconds()), "an unreadable record: its file's time");
    }
}
