using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Export.Check;
using ConformanceKit.Reports.Export.Common;
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
    public void OneResultPerRowOfTheConformanceTable()
    {
        // NullDriver: 6 dispatch.shape + 6 dispatch.accept + 1 selector.range + 6 memory.safety + 1 register-before-request
        // + 2 async.delivery + 1 objects.balance + 1 access.entitlement rows; 4 of them failed.
        Assert.That(sample, Is.EqualTo(new ExportSummary(24, 4)));
        Assert.That(hardened.Failed, Is.Zero, "the hardened variant holds every rule");
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
