using System.Diagnostics;
using ConformanceKit.Reports.Allure.Identity;
using ConformanceKit.Reports.Export.Charts;
using ConformanceKit.Reports.Tests.Support;
using ConformanceKit.Reports.Tool;
using ConformanceKit.Targets;

namespace ConformanceKit.Reports.Tests.EndToEnd;

/// <summary>
/// From results to the page a reviewer reads: a small NUnit suite run through the hook, a fuzz
/// campaign folder per the contract with fuzz/, and the two sample dexts' check summaries are turned
/// into results, rendered with reports/generate-report.sh (the pinned Allure 3), opened in headless
/// Chromium, and the page is checked. The screenshots are of a second report holding only what the
/// main job reports (the two sample dexts' checks and fuzz campaigns); they land next to the test
/// assembly (screenshots/), and in reports/screenshots/ (the README's) when CK_UPDATE_SCREENSHOTS=1.
/// </summary>
[TestFixture, NonParallelizable]
public class HtmlReportTests
{
    const string WriteFinding = "heap-buffer-overflow-write@NullDriver::HandleExternalStruct";
    const string ReadFinding = "heap-buffer-overflow-read@NullDriver::HandleExternalStruct";

    // What each page is checked for, and so what it must show before it is read: the report's app loads its
    // data asynchronously, piece by piece, and only the rendered text says that a piece has arrived.
    static readonly string[] TopSuites = ["NullDriver", "NullDriverHardened", "SampleDext", "ConformanceKit.Reports.SampleSuite"];
    static readonly string[] RecordedEnvironment = ["check.NullDriver", "socket/asan, seed 1, 100 cases, findings"];
    static readonly string[] ResultCounts = ["Failed", "Passed", "Skipped"];
    static readonly string[] FindingAttachments =
    [
        "reproducer.txt — minimal reproducer", "verdict.txt — expected vs observed", "sanitizer.txt — sanitizer report",
        "program.txt — decoded program before minimization", "dext.log — the dext's log", "input.bin — raw fuzzer input",
        "finding.json — finding record",
    ];
    const string BinaryAttachment = "application/octet-stream";
    const string KnownCategory = "Known-vulnerable reference paths";
    const string FindingMessage = "[memory.safety, known] AddressSanitizer: heap-buffer-overflow";
    const string FindingSelector = "1 Struct";
    const string ChartType = "image/svg+xml";
    static readonly string[] OurCategories = [KnownCategory, "Dispatch check violations", "Harness/setup errors"];

    TemporaryDirectory directory = null!;
    HeadlessChromium chromium = null!;
    string results = null!;
    string history = null!;
    string generatorOutput = null!;
    string indexUrl = null!;
    string findingUrl = null!;
    string showcaseUrl = null!;
    string showcaseFindingUrl = null!;
    string campaignUrl = null!;
    string campaign = null!;
    string findingFolder = null!;
    string findingHistoryId = null!;
    string overview = null!;
    string finding = null!;
    string categories = null!;

    [OneTimeSetUp]
    public void GenerateAndOpenTheReport()
    {
        var clock = Stopwatch.StartNew();
        directory = new TemporaryDirectory("e2e");
        results = directory.Combine("results");
        history = directory.Combine("history.jsonl");
        chromium = HeadlessChromium.Find();

        SampleSuiteRun.Run(results);
        var nullDriver = Path.Combine(RepositoryLayout.Root, "dext", "NullDriver");
        var sampleCampaign = new FuzzFolder(directory.Combine("fuzz", "NullDriver")).Campaign("NullDriver", findings: 2);
        sampleCampaign.Finding("memory.safety-1-read", "memory.safety", 1, ReadFinding, known: true, "NullDriver", nullDriver,
            why: "HandleExternalStruct reads 16 bytes of input without checking its size");
        findingFolder = sampleCampaign.Finding("memory.safety-1-write", "memory.safety", 1, WriteFinding, known: true, "NullDriver", nullDriver,
            why: "HandleExternalStruct writes 4104 bytes of output without checking its size");
        sampleCampaign.Instance("main", File.ReadAllText(Fixtures.Afl("plot_data-4.04c")), startedAfter: 7);
        var hardenedCampaign = new FuzzFolder(directory.Combine("fuzz", "NullDriverHardened")).Campaign("NullDriverHardened", findings: 0);

        // As the main job leaves them: check summaries written just now (their time is the file's).
        var checks = new[] { "NullDriver", "NullDriverHardened" }.Select(dext =>
        {
            var copy = directory.Combine("check", $"{dext}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(Fixtures.CheckJson(dext), copy);
            File.SetLastWriteTimeUtc(copy, DateTime.UtcNow);
            return copy;
        }).ToArray();
        string[] mainJobInputs = ["--fuzz", sampleCampaign.Path, "--fuzz", hardenedCampaign.Path, "--check", checks[0], "--check", checks[1]];
        Export(results, mainJobInputs);

        var showcase = directory.Combine("showcase");
        Export(showcase, mainJobInputs);
        AllureReport.Generate(showcase, directory.Combine("showcase-report"), directory.Combine("showcase-history.jsonl"), singleFile: true);
        showcaseUrl = new Uri(directory.Combine("showcase-report", "index.html")).AbsoluteUri;
        showcaseFindingUrl = $"{showcaseUrl}#/{AllureIds.ReportId(new ResultsOnDisk(showcase).Single($"fuzz: {WriteFinding}").GetProperty("uuid").GetString()!)}";

        generatorOutput = AllureReport.Generate(results, directory.Combine("report"), history, singleFile: true);
        indexUrl = new Uri(directory.Combine("report", "index.html")).AbsoluteUri;
        var exported = new ResultsOnDisk(results).Single($"fuzz: {WriteFinding}");
        findingHistoryId = exported.GetProperty("historyId").GetString()!;
        findingUrl = $"{indexUrl}#/{AllureIds.ReportId(exported.GetProperty("uuid").GetString()!)}";

        var campaignResult = new ResultsOnDisk(results).Single("fuzz campaign: NullDriver (asan, socket, 2 jobs)");
        campaignUrl = $"{indexUrl}#/{AllureIds.ReportId(campaignResult.GetProperty("uuid").GetString()!)}";

        overview = PageText.Of(chromium.DumpDom(indexUrl, [.. TopSuites, .. RecordedEnvironment, .. ResultCounts]));
        finding = PageText.Of(chromium.DumpDom(findingUrl,
            [$"fuzz: {WriteFinding}", .. FindingAttachments, BinaryAttachment, KnownCategory, FindingMessage, ReplayCommand, FindingSelector]));
        campaign = PageText.Of(chromium.DumpDom(campaignUrl, CampaignProgressChart.AttachmentName, ChartType));
        categories = PageText.Of(chromium.DumpDom($"{indexUrl}#/categories", OurCategories));
        TestContext.Progress.WriteLine($"end-to-end report generated and read in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [OneTimeTearDown]
    public void CleanUp() => directory?.Dispose();

    static void Export(string resultsDirectory, string[] inputs)
    {
        var error = new StringWriter();
        var exit = ReportTool.Run(["--results", resultsDirectory, .. inputs], TextWriter.Null, error);
        Assert.That(exit, Is.EqualTo(0), $"ck-report failed: {error}");
    }

    [Test]
    public void TheScriptPrintsWhereTheReportIsAndHowToOpenIt()
    {
        Assert.That(generatorOutput, Does.Contain($"Allure report: {directory.Combine("report", "index.html")}"));
        Assert.That(generatorOutput, Does.Contain("Open it:"));
        Assert.That(File.Exists(directory.Combine("report", "index.html")), Is.True);
    }

    /// <summary>
    /// The single file declares its inlined data before the app's script runs (reports/data-before-app.mjs):
    /// otherwise a busy browser lets the app ask for data first, fall back to a fetch that file:// forbids,
    /// and show an empty report. Checked on the file itself, since no page load can show a race reliably.
    /// </summary>
    [Test]
    public void TheSingleFileDeclaresItsDataBeforeTheAppRuns()
    {
        var html = File.ReadAllText(directory.Combine("report", "index.html"));
        var declared = html.IndexOf("window.allureReportData = window.allureReportData || {};", StringComparison.Ordinal);
        var app = html.IndexOf("src=\"data:text/javascript;base64,", StringComparison.Ordinal);
        Assert.That(app, Is.GreaterThan(0), "the single file inlines the app");
        Assert.That(declared, Is.InRange(0, app), "the data object is declared before the app's script");
        Assert.That(html.IndexOf("window.allureReportDataReady = true", StringComparison.Ordinal), Is.GreaterThan(app), "and marked ready once filled, after it");
    }

    string ReplayCommand => $"./run.sh replay {findingFolder}";

    [TestCaseSource(nameof(TopSuites))]
    public void TheOverviewListsEachTopSuite(string parentSuite) =>
        Assert.That(Lines(overview), Does.Contain(parentSuite), $"the report's tree does not list '{parentSuite}'. Page text:\n{Excerpt(overview)}");

    [Test]
    public void TheOverviewShowsTheEnvironmentTheWritersRecorded() =>
        Assert.That(overview, Does.Contain(RecordedEnvironment[0]).And.Contain(RecordedEnvironment[1]), Excerpt(overview));

    [Test]
    public void TheOverviewCountsTheResults() =>
        Assert.That(overview, Does.Contain(ResultCounts[0]).And.Contain(ResultCounts[1]).And.Contain(ResultCounts[2]), Excerpt(overview));

    [Test]
    public void AFailedFindingShowsEveryAttachment()
    {
        Assert.Multiple(() =>
        {
            foreach (var attachment in FindingAttachments)
                Assert.That(finding, Does.Contain(attachment), $"the finding's page does not show the attachment '{attachment}'. Page text:\n{Excerpt(finding)}");
            Assert.That(finding, Does.Contain(BinaryAttachment), "input.bin is offered as binary");
        });
    }

    [Test]
    public void AFailedFindingShowsItsVerdictCategoryAndReplayCommand()
    {
        Assert.Multiple(() =>
        {
            Assert.That(finding, Does.Contain($"fuzz: {WriteFinding}"), Excerpt(finding));
            Assert.That(finding, Does.Contain("Failed"));
            Assert.That(finding, Does.Contain(KnownCategory), "the category of a known finding");
            Assert.That(finding, Does.Contain(FindingMessage));
            // The description renders in a blob iframe, which the top document's DOM leaves out; the replay parameter shows the same command.
            Assert.That(finding, Does.Contain(ReplayCommand), "the replay command");
            Assert.That(finding, Does.Contain(FindingSelector), "the selector, named from the spec");
        });
    }

    [Test]
    public void TheCampaignShowsItsProgressChart() =>
        Assert.That(campaign, Does.Contain(CampaignProgressChart.AttachmentName).And.Contain(ChartType),
            $"the campaign's page does not offer its progress chart. Page text:\n{Excerpt(campaign)}");

    [TestCaseSource(nameof(OurCategories))]
    public void TheCategoriesPageSortsFailuresIntoOurCategories(string category) =>
        Assert.That(Lines(categories), Does.Contain(category), $"the categories page lacks '{category}'. Page text:\n{Excerpt(categories)}");

    [Test]
    public void EveryFailureFallsIntoOneOfOurCategories() =>
        Assert.That(Lines(categories), Has.None.EqualTo("Product errors").And.None.EqualTo("Test errors"),
            "Allure's default categories only collect failures none of ours matched");

    [Test]
    public void HistoryIsKeptBetweenRunsUnderOurHistoryIds()
    {
        AllureReport.Generate(results, directory.Combine("report-again"), history, singleFile: false);
        var runs = File.ReadAllLines(history).Where(l => l.Length > 0).ToArray();
        Assert.That(runs, Has.Length.EqualTo(2), "one history entry per generated report");
        Assert.That(runs[^1], Does.Contain(findingHistoryId), "Allure 3 must compute the same historyId the writer wrote");
        Assert.That(File.Exists(directory.Combine("report-again", "index.html")), Is.True, "the multi-file report is generated too");
    }

    [Test]
    public void ScreenshotsOfTheOverviewAndOfAFinding()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        var shots = new[]
        {
            ("overview.png", showcaseUrl, 1600, new[] { "NullDriver", "NullDriverHardened", ResultCounts[0] }),
            ("finding.png", showcaseFindingUrl, 1400, [$"fuzz: {WriteFinding}", .. FindingAttachments]),
        };
        foreach (var (name, url, height, mustShow) in shots)
        {
            var path = Path.Combine(folder, name);
            chromium.Screenshot(url, path, mustShow, height: height);
            TestContext.AddTestAttachment(path, $"the report's {Path.GetFileNameWithoutExtension(name)}");
            if (Environment.GetEnvironmentVariable("CK_UPDATE_SCREENSHOTS") == "1")
                File.Copy(path, Path.Combine(AllureReport.ReportsDirectory, "screenshots", name), overwrite: true);
        }
    }

    static string[] Lines(string text) => text.Split('\n');

    static string Excerpt(string text) => text.Length <= 4000 ? text : text[..4000] + "\n…";
}
