using System.Xml.Linq;
using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Export.Charts;
using ConformanceKit.Reports.Export.Check;
using ConformanceKit.Reports.Export.Common;
using ConformanceKit.Reports.Tests.Charts;
using ConformanceKit.Reports.Tests.Support;
using static ConformanceKit.Reports.Tests.Support.ResultsOnDisk;

namespace ConformanceKit.Reports.Tests.Export;

[TestFixture]
public class CheckExporterTests
{
    TemporaryDirectory directory = null!;
    ResultsOnDisk results = null!;
    ExportSummary sample = null!;
    ExportSummary hardened = null!;

    [OneTimeSetUp]
    public void ExportBothSampleDexts()
    {
        directory = new TemporaryDirectory("check");
        var exporter = new CheckExporter(ConformanceResults.Open(directory.Combine("results")));
        sample = exporter.Export(Fixtures.CheckJson("NullDriver"));
        hardened = exporter.Export(Fixtures.CheckJson("NullDriverHardened"));
        results = new ResultsOnDisk(directory.Combine("results"));
    }

    [OneTimeTearDown]
    public void CleanUp() => directory.Dispose();

    [Test]
    public void OneResultPerRowOfTheConformanceTableAndOneForTheRun()
    {
        // NullDriver: 6 dispatch.shape + 6 dispatch.accept + 1 selector.range + 6 memory.safety + 1 register-before-request
        // + 2 async.delivery + 1 objects.balance + 1 access.entitlement rows; 4 of them failed. And the check run.
        Assert.That(sample, Is.EqualTo(new ExportSummary(25, 4)));
        Assert.That(hardened.Failed, Is.Zero, "the hardened variant holds every rule");
    }

    [Test]
    public void EachRowCarriesItsProgramsReachedAndCalls()
    {
        var row = results.Single("check: NullDriver · memory.safety · 1 Struct");
        Assert.Multiple(() =>
        {
            Assert.That(Parameter(row, "programs run"), Is.EqualTo("151"));
            Assert.That(Parameter(row, "reached the dext"), Is.EqualTo("151"));
            Assert.That(Parameter(row, "calls to ExternalMethod"), Is.EqualTo("457"));
            Assert.That(row.GetProperty("description").GetString(), Does.Contain("| programs run (generated, shrinking included) | 151 |")
                .And.Contain("| programs that reached the dext (it served a step) | 151 (100%) |")
                .And.Contain("| calls that reached its ExternalMethod | 457 |"));
        });
        var notApplicable = results.Single("check: NullDriver · dispatch.shape · 0 Scalar");
        Assert.That(Parameter(notApplicable, "reached the dext"), Is.EqualTo("0"));
    }

    [Test]
    public void TheCheckRunCarriesTheChartOfEveryRule()
    {
        var run = results.Single("check run: NullDriver (socket, asan, seed 1)");
        Assert.Multiple(() =>
        {
            Assert.That(Status(run), Is.EqualTo("passed"), "the check ran; each row has its own verdict");
            Assert.That(Label(run, "parentSuite"), Is.EqualTo("NullDriver"));
            Assert.That(Label(run, "suite"), Is.EqualTo(CheckExporter.RunSuite));
            Assert.That(Parameter(run, "rules held"), Is.EqualTo("5 of 8"));
            Assert.That(Parameter(run, "reached the dext"), Is.EqualTo(Parameter(run, "programs run")));
            Assert.That(run.GetProperty("description").GetString(), Does.Contain("| memory.safety | 1 Struct | failed | 151 | 151 (100%) | 457 |")
                .And.Contain(CheckReachChart.AttachmentName));
        });
        var chart = Attachments(run)[0];
        Assert.That(chart.GetProperty("name").GetString(), Is.EqualTo(CheckReachChart.AttachmentName));
        Assert.That(chart.GetProperty("type").GetString(), Is.EqualTo("image/svg+xml"));
        Assert.That(chart.GetProperty("source").GetString(), Does.EndWith(".svg"));
        var svg = XDocument.Parse(results.AttachmentText(chart));
        Assert.That(svg.Descendants(XName.Get("g", SvgWriter.Namespace)).Count(g => g.Attribute("class")?.Value == "row"), Is.EqualTo(24));
        Assert.That(Attachments(run)[1].GetProperty("type").GetString(), Is.EqualTo("application/json"), "and the check's JSON");
    }

    [Test]
    public void AnOlderCheckFileWithoutReachedSaysNotRecorded()
    {
        using var dir = new TemporaryDirectory("check-old");
        var path = dir.Combine("NullDriver.json");
        File.WriteAllText(path, CheckReachChartTests.WithoutReached(File.ReadAllText(Fixtures.CheckJson("NullDriver"))));
        var summary = new CheckExporter(new ResultsDirectory(dir.Combine("results"))).Export(path);
        Assert.That(summary, Is.EqualTo(new ExportSummary(25, 4)));
        var old = new ResultsOnDisk(dir.Combine("results"));
        var row = old.Single("check: NullDriver · memory.safety · 1 Struct");
        Assert.Multiple(() =>
        {
            Assert.That(Parameter(row, "programs run"), Is.EqualTo("151"));
            Assert.That(Parameter(row, "reached the dext"), Is.EqualTo("not recorded"));
            Assert.That(Parameter(row, "calls to ExternalMethod"), Is.EqualTo("not recorded"));
            Assert.That(row.GetProperty("description").GetString(), Does.Contain("| programs that reached the dext (it served a step) | not recorded |"));
        });
        var run = old.Single("check run: NullDriver (socket, asan, seed 1)");
        Assert.That(Parameter(run, "reached the dext"), Is.EqualTo("not recorded"));
        Assert.That(old.AttachmentText(Attachments(run)[0]), Does.Contain("reached: not recorded"));
    }

    [Test]
    public void ARuleThatHeldPassesAndOneThatDoesNotApplyIsSkippedWithTheReason()
    {
        Assert.That(Status(results.Single("check: NullDriver · dispatch.shape · 2 CheckedScalar")), Is.EqualTo("passed"));
        var skipped = results.Single("check: NullDriver · dispatch.shape · 1 Struct");
        Assert.That(Status(skipped), Is.EqualTo("skipped"));
        Assert.That(skipped.GetProperty("statusDetails").GetProperty("message").GetString(), Does.Contain("unchecked selector"));
    }

    [Test]
    public void AFailedRowHasEachFindingAsAStepWithReproducerVerdictAndSanitizerReport()
    {
        var row = results.Single("check: NullDriver · memory.safety · 1 Struct");
        Assert.That(Status(row), Is.EqualTo("failed"));
        var steps = row.GetProperty("steps").EnumerateArray().ToArray();
        Assert.That(steps, Has.Length.EqualTo(2), "the out-of-bounds read and the out-of-bounds write");
        foreach (var step in steps)
        {
            var names = step.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToArray();
            Assert.That(names, Is.EqualTo(new[] { "reproducer.txt — minimal reproducer", "verdict.txt — expected vs observed", "sanitizer.txt — sanitizer report" }));
            var reproducer = step.GetProperty("attachments")[0];
            Assert.That(results.AttachmentText(reproducer), Does.StartWith("# conformancekit program v1").And.Contain("call c0 1"));
        }
        Assert.That(row.GetProperty("statusDetails").GetProperty("message").GetString(), Does.StartWith("[memory.safety, known] 2 findings"));
        Assert.That(row.GetProperty("statusDetails").GetProperty("trace").GetString(), Does.Contain("AddressSanitizer"));
        Assert.That(Labels(row, "tag"), Does.Contain("known").And.Contain("check"));
        Assert.That(row.GetProperty("description").GetString(), Does.Contain("./run.sh replay reproducer.txt --dext dext/NullDriver"));
    }

    [Test]
    public void ARowWithoutASelectorHasNoSubSuite()
    {
        var row = results.Single("check: NullDriver · objects.balance");
        Assert.That(Status(row), Is.EqualTo("failed"));
        Assert.That(Labels(row, "subSuite"), Is.Empty);
        Assert.That(Label(row, "suite"), Is.EqualTo("objects.balance"));
        Assert.That(row.GetProperty("statusDetails").GetProperty("message").GetString(), Does.StartWith("[objects.balance, known] "));
    }

    [Test]
    public void TheRunSettingsAreParametersAndTheEnvironmentNamesEachCheck()
    {
        var row = results.Single("check: NullDriverHardened · access.entitlement");
        Assert.That(Parameter(row, "transport"), Is.EqualTo("socket"));
        Assert.That(Parameter(row, "variant"), Is.EqualTo("asan"));
        Assert.That(Parameter(row, "seed"), Is.EqualTo("1"));
        var environment = JavaProperties.Parse(File.ReadAllText(directory.Combine("results", "environment.properties")));
        Assert.That(environment.Select(e => e.Key), Is.SupersetOf(new[] { "check.NullDriver", "check.NullDriverHardened" }));
    }

    [Test]
    public void ANonCheckFileIsAnErrorNamingIt()
    {
        using var dir = new TemporaryDirectory("check-bad");
        var path = dir.Combine("not-check.json");
        File.WriteAllText(path, "{\"dext\": \"x\"}");
        Assert.That(() => new CheckExporter(new ResultsDirectory(dir.Combine("results"))).Export(path),
            Throws.InstanceOf<ExportException>().With.Message.StartsWith(path));
    }
}
