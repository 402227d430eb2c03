using System.Text.Json;
using System.Xml.Linq;
using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Export.Charts;
using ConformanceKit.Reports.Export.Common;
using ConformanceKit.Reports.Export.Fuzz;
using ConformanceKit.Reports.Tests.Support;
using ConformanceKit.Targets;
using static ConformanceKit.Reports.Tests.Support.ResultsOnDisk;

namespace ConformanceKit.Reports.Tests.Export;

[TestFixture]
public class FuzzExporterTests
{
    static readonly string NullDriverDirectory = Path.Combine(RepositoryLayout.Root, "dext", "NullDriver");
    const string Kind = "heap-buffer-overflow-write@NullDriver::HandleExternalStruct";

    TemporaryDirectory directory = null!;
    FuzzFolder fuzz = null!;
    ResultsOnDisk results = null!;
    ExportSummary summary = null!;
    string findingFolder = null!;

    [OneTimeSetUp]
    public void ExportACampaign()
    {
        directory = new TemporaryDirectory("fuzz");
        fuzz = new FuzzFolder(directory.Combine("out")).Campaign("NullDriver", findings: 2);
        findingFolder = fuzz.Finding("memory.safety-1-write", "memory.safety", 1, Kind, known: true, "NullDriver", NullDriverDirectory,
            why: "HandleExternalStruct writes 4104 bytes without checking the output size");
        fuzz.Finding("selector.range-none", "selector.range", null, "crash@IOUserClient::ExternalMethod", known: false, "NullDriver", NullDriverDirectory,
            sanitizer: false, firstSeen: 40);
        fuzz.Instance("main", FuzzFolder.PlotHeader + FuzzFolder.PlotRow(10, 200, 650, 0) + FuzzFolder.PlotRow(20, 260, 700, 12), startedAfter: 5);
        fuzz.Instance("sec1", FuzzFolder.PlotHeader + FuzzFolder.PlotRow(10, 190, 640, 0) + FuzzFolder.PlotRow(20, 250, 690, 9), startedAfter: 6);
        summary = new FuzzExporter(ConformanceResults.Open(directory.Combine("results"))).Export(fuzz.Path);
        results = new ResultsOnDisk(directory.Combine("results"));
    }

    [OneTimeTearDown]
    public void CleanUp() => directory.Dispose();

    JsonElement Finding => results.Single($"fuzz: {Kind}");

    [Test]
    public void OneFailedResultPerFindingAndOnePassedResultPerCampaign()
    {
        Assert.That(summary, Is.EqualTo(new ExportSummary(3, 2)));
        Assert.That(results.Results.Select(Status), Is.EquivalentTo(new[] { "failed", "failed", "passed" }));
    }

    [Test]
    public void AFindingIsFiledByDextRuleAndSelectorWithTheSelectorsNameFromTheSpec()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Label(Finding, "parentSuite"), Is.EqualTo("NullDriver"));
            Assert.That(Label(Finding, "suite"), Is.EqualTo("memory.safety"));
            Assert.That(Label(Finding, "subSuite"), Is.EqualTo("1 Struct"));
            Assert.That(Labels(Finding, "tag"), Does.Contain("known").And.Contain("fuzz"));
            Assert.That(Label(Finding, "severity"), Is.EqualTo("critical"));
        });
        var unselected = results.Single("fuzz: crash@IOUserClient::ExternalMethod");
        Assert.That(Labels(unselected, "subSuite"), Is.Empty, "a finding without a selector has no subSuite");
        Assert.That(Labels(unselected, "tag"), Does.Contain("new"));
    }

    [Test]
    public void EveryFileOfTheFolderIsAttachedWithItsMimeTypeAndContent()
    {
        var attachments = Attachments(Finding).ToDictionary(a => a.GetProperty("name").GetString()!);
        Assert.That(attachments.Keys, Is.EqualTo(new[]
        {
            "reproducer.txt — minimal reproducer", "verdict.txt — expected vs observed", "sanitizer.txt — sanitizer report",
            "program.txt — decoded program before minimization", "dext.log — the dext's log", "input.bin — raw fuzzer input",
            "finding.json — finding record",
        }), "all files, in reading order");
        Assert.Multiple(() =>
        {
            Assert.That(attachments["input.bin — raw fuzzer input"].GetProperty("type").GetString(), Is.EqualTo("application/octet-stream"));
            Assert.That(results.AttachmentBytes(attachments["input.bin — raw fuzzer input"]), Is.EqualTo(FuzzFolder.Input));
            Assert.That(attachments["finding.json — finding record"].GetProperty("type").GetString(), Is.EqualTo("application/json"));
            Assert.That(attachments["dext.log — the dext's log"].GetProperty("type").GetString(), Is.EqualTo("text/plain"));
            Assert.That(results.AttachmentText(attachments["reproducer.txt — minimal reproducer"]),
                Is.EqualTo(File.ReadAllText(Path.Combine(findingFolder, "reproducer.txt"))));
        });
    }

    [Test]
    public void AnExtraFileTheContractDoesNotNameIsAttachedToo()
    {
        using var dir = new TemporaryDirectory("fuzz-extra");
        var folder = new FuzzFolder(dir.Combine("out")).Campaign("NullDriver", 1);
        var finding = folder.Finding("x", "memory.safety", 1, Kind, true, "NullDriver", NullDriverDirectory);
        File.WriteAllText(Path.Combine(finding, "core.txt"), "extra");
        new FuzzExporter(new ResultsDirectory(dir.Combine("results"))).Export(folder.Path);
        var result = new ResultsOnDisk(dir.Combine("results")).Single($"fuzz: {Kind}");
        Assert.That(Attachments(result).Select(a => a.GetProperty("name").GetString()), Does.Contain("core.txt"));
    }

    [Test]
    public void TheDescriptionHasTheReplayCommandAndTheMessageItsCategoryPrefix()
    {
        Assert.That(Finding.GetProperty("description").GetString(), Does.Contain($"./run.sh replay {findingFolder} --dext {NullDriverDirectory}")
            .And.Contain("HandleExternalStruct writes 4104 bytes"));
        var details = Finding.GetProperty("statusDetails");
        Assert.That(details.GetProperty("message").GetString(), Does.StartWith("[memory.safety, known] AddressSanitizer: heap-buffer-overflow"));
        Assert.That(details.GetProperty("known").GetBoolean(), Is.True);
        Assert.That(details.GetProperty("trace").GetString(), Does.Contain("==4242==ERROR: AddressSanitizer"), "the sanitizer report is the trace");
        Assert.That(details.GetProperty("expected").GetString(), Is.EqualTo("the dext survives every call"));
    }

    [Test]
    public void TheCampaignCarriesItsFigures()
    {
        var campaign = results.Single("fuzz campaign: NullDriver (asan, socket, 2 jobs)");
        Assert.Multiple(() =>
        {
            Assert.That(Parameter(campaign, "execs"), Is.EqualTo("123,456"));
            Assert.That(Parameter(campaign, "exec/s"), Is.EqualTo("2057.6"));
            Assert.That(Parameter(campaign, "paths"), Is.EqualTo("150"));
            Assert.That(Parameter(campaign, "duration (s)"), Is.EqualTo("60"));
            Assert.That(Parameter(campaign, "findings"), Is.EqualTo("2"));
            Assert.That(campaign.GetProperty("stop").GetInt64() - campaign.GetProperty("start").GetInt64(), Is.EqualTo(60_000));
            Assert.That(campaign.GetProperty("start").GetInt64(), Is.EqualTo(fuzz.StartedAt.ToUnixTimeMilliseconds()));
            Assert.That(campaign.GetProperty("description").GetString(), Does.Contain("| executions/s | 2057.6 |").And.Contain(Kind));
            Assert.That(Label(campaign, "parentSuite"), Is.EqualTo("NullDriver"));
        });
    }

    [Test]
    public void TheCampaignCarriesItsProgressOverTimeAsAnSvgChart()
    {
        var campaign = results.Single("fuzz campaign: NullDriver (asan, socket, 2 jobs)");
        var attachments = Attachments(campaign);
        Assert.That(attachments.Select(a => a.GetProperty("name").GetString()),
            Is.EqualTo(new[] { CampaignProgressChart.AttachmentName, "campaign.json — campaign figures" }), "the picture first");
        var chart = attachments[0];
        Assert.That(chart.GetProperty("type").GetString(), Is.EqualTo("image/svg+xml"));
        Assert.That(chart.GetProperty("source").GetString(), Does.EndWith("-attachment.svg"));

        var svg = XDocument.Parse(results.AttachmentText(chart));
        XNamespace ns = SvgWriter.Namespace;
        var panels = svg.Descendants(ns + "g").Where(g => g.Attribute("class")?.Value == "panel").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(panels.Select(p => p.Descendants(ns + "polyline").Count()), Is.EqualTo(new[] { 2, 2, 2, 1 }),
                "paths, exec/s and crashes: main and sec1; findings: one staircase");
            Assert.That(panels[^1].Descendants(ns + "circle").Count(), Is.EqualTo(2), "a marker per distinct finding");
            Assert.That(svg.Descendants(ns + "text").Select(t => t.Value), Does.Contain("time since the campaign started (s)").And.Contain("afl-fuzz started"));
            Assert.That(campaign.GetProperty("description").GetString(), Does.Contain($"attached as the picture *{CampaignProgressChart.AttachmentName}*"));
        });
    }

    [Test]
    public void ACampaignWithoutPlotDataStillExportsWithANoteInsteadOfTheChart()
    {
        using var dir = new TemporaryDirectory("fuzz-noplot");
        var folder = new FuzzFolder(dir.Combine("out")).Campaign("NullDriver", 1);
        folder.Finding("x", "memory.safety", 1, Kind, true, "NullDriver", NullDriverDirectory);
        var exported = new FuzzExporter(new ResultsDirectory(dir.Combine("results"))).Export(folder.Path);
        Assert.That(exported, Is.EqualTo(new ExportSummary(2, 1)));
        var campaign = new ResultsOnDisk(dir.Combine("results")).Single("fuzz campaign: NullDriver (asan, socket, 2 jobs)");
        Assert.That(Attachments(campaign).Select(a => a.GetProperty("type").GetString()), Is.EqualTo(new[] { "application/json" }));
        Assert.That(campaign.GetProperty("description").GetString(), Does.Contain("No progress chart: the campaign folder has no AFL++ instance folder"));
    }

    [Test]
    public void ACampaignWithAnEmptyPlotDataStillExports()
    {
        using var dir = new TemporaryDirectory("fuzz-emptyplot");
        var folder = new FuzzFolder(dir.Combine("out")).Campaign("NullDriver", 0);
        folder.Instance("main", "");
        new FuzzExporter(new ResultsDirectory(dir.Combine("results"))).Export(folder.Path);
        var campaign = new ResultsOnDisk(dir.Combine("results")).Single("fuzz campaign: NullDriver (asan, socket, 2 jobs)");
        Assert.That(Attachments(campaign), Has.Count.EqualTo(1));
        Assert.That(campaign.GetProperty("description").GetString(), Does.Contain("No progress chart: afl/main: plot_data is empty."));
    }

    [Test]
    public void AFindingWithoutFirstSeenIsExportedAndSaysSo()
    {
        using var dir = new TemporaryDirectory("fuzz-noseen");
        var folder = new FuzzFolder(dir.Combine("out")).Campaign("NullDriver", 1);
        var finding = folder.Finding("x", "memory.safety", 1, Kind, true, "NullDriver", NullDriverDirectory);
        var record = Path.Combine(finding, "finding.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(record))!.AsObject();
        json.Remove("firstSeen");
        File.WriteAllText(record, json.ToJsonString());
        new FuzzExporter(new ResultsDirectory(dir.Combine("results"))).Export(folder.Path);
        var result = new ResultsOnDisk(dir.Combine("results")).Single($"fuzz: {Kind}");
        Assert.That(Status(result), Is.EqualTo("failed"));
        Assert.That(Parameter(result, "first seen"), Is.EqualTo("not recorded"));
    }

    [Test]
    public void ExportingTheSameFindingTwiceGivesOneResult()
    {
        using var dir = new TemporaryDirectory("fuzz-dup");
        var first = new FuzzFolder(dir.Combine("a")).Campaign("NullDriver", 1);
        first.Finding("one", "memory.safety", 1, Kind, true, "NullDriver", NullDriverDirectory);
        var second = new FuzzFolder(dir.Combine("b")).Campaign("NullDriver", 1);
        second.Finding("one-again", "memory.safety", 1, Kind, true, "NullDriver", NullDriverDirectory);
        var exporter = new FuzzExporter(new ResultsDirectory(dir.Combine("results")));
        exporter.Export(first.Path);
        exporter.Export(second.Path);
        Assert.That(new ResultsOnDisk(dir.Combine("results")).Results.Count(r => Status(r) == "failed"), Is.EqualTo(1));
    }

    [Test]
    public void AFindingFolderWithoutUsableFindingJsonIsStillReportedWithItsFiles()
    {
        using var dir = new TemporaryDirectory("fuzz-broken");
        var folder = new FuzzFolder(dir.Combine("out")).Campaign("NullDriver", 1);
        var finding = folder.Finding("half", "memory.safety", 1, Kind, true, "NullDriver", NullDriverDirectory);
        File.WriteAllText(Path.Combine(finding, "finding.json"), "{\"rule\": \"memory.saf");
        new FuzzExporter(new ResultsDirectory(dir.Combine("results"))).Export(folder.Path);
        var result = new ResultsOnDisk(dir.Combine("results")).Single("fuzz: unreadable finding half");
        Assert.That(Status(result), Is.EqualTo("broken"));
        Assert.That(result.GetProperty("statusDetails").GetProperty("message").GetString(), Does.Contain("finding.json"));
        Assert.That(Attachments(result).Select(a => a.GetProperty("name").GetString()), Does.Contain("reproducer.txt — minimal reproducer").And.Contain("sanitizer.txt — sanitizer report"));
    }

    [Test]
    public void AFolderThatIsNotACampaignIsAnErrorNamingIt()
    {
        using var dir = new TemporaryDirectory("fuzz-none");
        var exporter = new FuzzExporter(new ResultsDirectory(dir.Combine("results")));
        Assert.That(() => exporter.Export(dir.Path), Throws.InstanceOf<ExportException>().With.Message.Contains(dir.Path).And.Message.Contains("campaign.json"));
    }

    [Test]
    public void ACampaignJsonMissingAFieldIsAnErrorNamingTheFile()
    {
        using var dir = new TemporaryDirectory("fuzz-bad");
        Directory.CreateDirectory(dir.Combine("out"));
        File.WriteAllText(dir.Combine("out", "campaign.json"), "{\"dext\": \"NullDriver\"}");
        var exporter = new FuzzExporter(new ResultsDirectory(dir.Combine("results")));
        Assert.That(() => exporter.Export(dir.Combine("out")), Throws.InstanceOf<ExportException>().With.Message.Contains("campaign.json"));
    }

    [Test]
    public void HistoryIdsAreStableAcrossExportsOfTheSameFinding()
    {
        using var dir = new TemporaryDirectory("fuzz-history");
        new FuzzExporter(new ResultsDirectory(dir.Combine("results"))).Export(fuzz.Path);
        var again = new ResultsOnDisk(dir.Combine("results")).Single($"fuzz: {Kind}");
        Assert.That(again.GetProperty("historyId").GetString(), Is.EqualTo(Finding.GetProperty("historyId").GetString()));
        Assert.That(again.GetProperty("uuid").GetString(), Is.Not.EqualTo(Finding.GetProperty("uuid").GetString()));
    }
}
