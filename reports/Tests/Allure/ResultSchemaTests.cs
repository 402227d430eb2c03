using System.Text;
using System.Text.Json;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Tests.Support;

namespace ConformanceKit.Reports.Tests.Allure;

/// <summary>
/// The files match the Allure results schema field for field: the key names and JSON types of
/// Allure 3's reader model (packages/reader/src/allure2/model.ts, v3.14.3, unchanged in the pinned 3.18.0), nothing else.
/// </summary>
[TestFixture]
public class ResultSchemaTests
{
    static readonly string[] ResultKeys =
    [
        "uuid", "name", "fullName", "historyId", "testCaseId", "titlePath", "status", "statusDetails", "stage",
        "description", "descriptionHtml", "start", "stop", "labels", "links", "parameters", "attachments", "steps",
    ];

    static readonly string[] StatusDetailsKeys = ["message", "trace", "known", "muted", "flaky", "expected", "actual"];
    static readonly string[] StepKeys = ["name", "status", "statusDetails", "stage", "description", "steps", "attachments", "parameters", "start", "stop"];

    static AllureResult Everything(Attachment attachment) => new()
    {
        Uuid = "0b1c2d3e-0000-4000-8000-000000000001",
        Name = "NullDriver · memory.safety · 1 Struct",
        FullName = "suite.NullDriver · memory.safety · 1 Struct",
        HistoryId = "h.1",
        TestCaseId = "t1",
        TitlePath = ["NullDriver", "memory.safety"],
        Status = AllureStatus.Failed,
        StatusDetails = new StatusDetails { Message = "m", Trace = "t", Known = true, Muted = false, Flaky = false, Expected = "e", Actual = "a" },
        Stage = AllureStage.Finished,
        Description = "d",
        DescriptionHtml = "<p>d</p>",
        Start = 1_700_000_000_000,
        Stop = 1_700_000_000_250,
        Labels = [Label.ParentSuite("NullDriver"), Label.Severity(Severities.Critical)],
        Links = [new Link("https://example.invalid/1") { Name = "issue 1", Type = "issue" }],
        Parameters = [Parameter.Tracked("transport", "socket"), Parameter.Informational("seed", "1") with { Mode = ParameterMode.Masked }],
        Attachments = [attachment],
        Steps = [new StepResult
        {
            Name = "finding", Status = AllureStatus.Broken, StatusDetails = new StatusDetails { Message = "s" }, Description = "sd",
            Steps = [new StepResult { Name = "inner" }], Attachments = [attachment], Parameters = [Parameter.Tracked("k", "v")],
            Start = 1, Stop = 2,
        }],
    };

    [Test]
    public void AResultHasExactlyTheSchemasFieldsWithTheirTypes()
    {
        using var dir = new TemporaryDirectory("schema");
        var results = new ResultsDirectory(dir.Path);
        var attachment = results.AttachText("log", "x");
        var path = results.Write(Everything(attachment));

        Assert.That(Path.GetFileName(path), Is.EqualTo("0b1c2d3e-0000-4000-8000-000000000001-result.json"));
        var json = JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;
        Assert.That(Keys(json), Is.EquivalentTo(ResultKeys), "top-level keys of a result");
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(json.GetProperty("stage").GetString(), Is.EqualTo("finished"));
            Assert.That(json.GetProperty("start").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(json.GetProperty("stop").GetInt64(), Is.EqualTo(1_700_000_000_250));
            Assert.That(json.GetProperty("titlePath").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "NullDriver", "memory.safety" }));
            Assert.That(Keys(json.GetProperty("statusDetails")), Is.EquivalentTo(StatusDetailsKeys));
            Assert.That(json.GetProperty("statusDetails").GetProperty("known").ValueKind, Is.EqualTo(JsonValueKind.True));
            Assert.That(Keys(json.GetProperty("labels")[0]), Is.EquivalentTo(new[] { "name", "value" }));
            Assert.That(json.GetProperty("labels")[0].GetProperty("name").GetString(), Is.EqualTo("parentSuite"));
            Assert.That(json.GetProperty("labels")[1].GetProperty("value").GetString(), Is.EqualTo("critical"));
            Assert.That(Keys(json.GetProperty("links")[0]), Is.EquivalentTo(new[] { "url", "name", "type" }));
            Assert.That(Keys(json.GetProperty("parameters")[0]), Is.EquivalentTo(new[] { "name", "value" }), "unset excluded/mode are left out");
            Assert.That(Keys(json.GetProperty("parameters")[1]), Is.EquivalentTo(new[] { "name", "value", "excluded", "mode" }));
            Assert.That(json.GetProperty("parameters")[1].GetProperty("mode").GetString(), Is.EqualTo("masked"));
            Assert.That(json.GetProperty("parameters")[1].GetProperty("excluded").GetBoolean(), Is.True);
            Assert.That(Keys(json.GetProperty("attachments")[0]), Is.EquivalentTo(new[] { "name", "type", "source" }));
            Assert.That(Keys(json.GetProperty("steps")[0]), Is.EquivalentTo(StepKeys));
            Assert.That(json.GetProperty("steps")[0].GetProperty("status").GetString(), Is.EqualTo("broken"));
            Assert.That(json.GetProperty("steps")[0].GetProperty("steps")[0].GetProperty("status").GetString(), Is.EqualTo("passed"));
        });
    }

    [Test]
    public void UnsetOptionalFieldsAreLeftOutAndListsAreEmptyArrays()
    {
        using var dir = new TemporaryDirectory("schema");
        var results = new ResultsDirectory(dir.Path);
        var path = results.Write(new AllureResult { Uuid = ResultsDirectory.NewUuid(), Name = "n", Status = AllureStatus.Skipped, Start = 5, Stop = 5 });
        var json = JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;
        Assert.That(Keys(json), Is.EquivalentTo(new[] { "uuid", "name", "status", "stage", "start", "stop", "labels", "links", "parameters", "attachments", "steps" }));
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("skipped"));
        Assert.That(json.GetProperty("labels").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void AContainerHasTheSchemasFields()
    {
        using var dir = new TemporaryDirectory("schema");
        var results = new ResultsDirectory(dir.Path);
        var path = results.Write(new AllureContainer
        {
            Uuid = "c-1", Name = "Fixture", Children = ["r-1", "r-2"],
            Befores = [new StepResult { Name = "OneTimeSetUp", Status = AllureStatus.Broken }], Start = 1, Stop = 2,
        });
        Assert.That(Path.GetFileName(path), Is.EqualTo("c-1-container.json"));
        var json = JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;
        Assert.That(Keys(json), Is.EquivalentTo(new[] { "uuid", "name", "children", "befores", "afters", "start", "stop" }));
        Assert.That(json.GetProperty("children").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "r-1", "r-2" }));
        Assert.That(json.GetProperty("befores")[0].GetProperty("status").GetString(), Is.EqualTo("broken"));
    }

    [TestCase("../escape")]
    [TestCase("a/b")]
    [TestCase("")]
    [TestCase("x y")]
    public void AUuidThatIsNotASafeFileNameIsRefused(string uuid)
    {
        using var dir = new TemporaryDirectory("schema");
        var results = new ResultsDirectory(dir.Path);
        Assert.That(() => results.Write(new AllureResult { Uuid = uuid, Name = "n", Status = AllureStatus.Passed, Start = 0, Stop = 0 }),
            Throws.ArgumentException.With.Message.Contains("uuid"));
        Assert.That(Directory.EnumerateFileSystemEntries(dir.Path), Is.Empty);
    }

    [Test]
    public void EveryStringRoundTripsThroughTheJson()
    {
        var nasty = "quote \" backslash \\ slash / newline \n tab \t cr \r nul \0 bell \u0007 del \u007f " +
                    "ünïcødé 漢字 emoji 🚀 html </script><b>&amp;</b> 'single' line-sep \u2028 para-sep \u2029";
        using var dir = new TemporaryDirectory("escaping");
        var results = new ResultsDirectory(dir.Path);
        var path = results.Write(new AllureResult
        {
            Uuid = ResultsDirectory.NewUuid(), Name = nasty, Status = AllureStatus.Failed, Start = 0, Stop = 0,
            StatusDetails = new StatusDetails { Message = nasty, Trace = nasty }, Labels = [Label.Tag(nasty)],
            Parameters = [Parameter.Tracked(nasty, nasty)],
        });
        var bytes = File.ReadAllBytes(path);
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.That(text, Does.Not.Contain("\n\0"), "raw control characters never reach the file");
        Assert.That(text.Where(c => c < 0x20 && c != '\n' && c != ' '), Is.Empty, "control characters are escaped (only the indentation's newlines remain)");
        Assert.That(text, Does.Contain("ünïcødé 漢字"), "non-ASCII text stays readable UTF-8 (astral characters may be escaped pairs)");
        var json = JsonDocument.Parse(bytes).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("name").GetString(), Is.EqualTo(nasty));
            Assert.That(json.GetProperty("statusDetails").GetProperty("trace").GetString(), Is.EqualTo(nasty));
            Assert.That(json.GetProperty("labels")[0].GetProperty("value").GetString(), Is.EqualTo(nasty));
            Assert.That(json.GetProperty("parameters")[0].GetProperty("name").GetString(), Is.EqualTo(nasty));
        });
    }

    [Test]
    public void ALoneSurrogateStillGivesValidUtf8Json()
    {
        using var dir = new TemporaryDirectory("escaping");
        var results = new ResultsDirectory(dir.Path);
        var path = results.Write(new AllureResult { Uuid = ResultsDirectory.NewUuid(), Name = "broken \ud800 pair", Status = AllureStatus.Passed, Start = 0, Stop = 0 });
        var bytes = File.ReadAllBytes(path);
        Assert.That(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), Throws.Nothing);
        Assert.That(JsonDocument.Parse(bytes).RootElement.GetProperty("name").GetString(), Does.StartWith("broken ").And.EndWith(" pair"));
    }

    static IEnumerable<string> Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name);
}
