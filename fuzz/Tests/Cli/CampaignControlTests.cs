using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Fuzz.Tests.Cli;

/// <summary>
/// `conformancekit fuzz` and `triage` under control (issue 14): every option is checked before
/// anything is created or moved; one campaign per output folder; Ctrl-C stops everything and the
/// campaign can be resumed; --time is wall-clock time, triage included, and what triage could not
/// finish in time is queued for `conformancekit triage`. The CLI runs as its own process, as users run it.
/// </summary>
[TestFixture]
[NonParallelizable]
public class CampaignControlTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    static readonly string NullDriver = Path.Combine(RepositoryLayout.Root, "dext", "NullDriver");

    /// <summary>
    /// The builds a campaign of NullDriver needs (its asan-cov and asan variants, the instrumented fuzz
    /// target), made once here so that the time bounds below measure campaigns, not compilers.
    /// </summary>
    [OneTimeSetUp]
    public void BuildOnce()
    {
        var target = DextTarget.Resolve(NullDriver);
        target.Build(DextVariant.AsanCov);
        target.Build(DextVariant.Asan);
        TargetBuild.Prepare(TestContext.Out);
    }

    static string Scratch(string name)
    {
        var folder = Path.Combine(RepositoryLayout.Root, "out", "test", "campaign-control", name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }

    static string[] Tree(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder, p) + (Directory.Exists(p) ? "/" : $" {new FileInfo(p).Length}"))
            .Order(StringComparer.Ordinal).ToArray();

    static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A field of afl-fuzz's main instance's fuzzer_stats, as afl-fuzz last wrote it (0 before it
    /// writes one). afl-fuzz writes the file while it fuzzes and once more when it stops.
    /// </summary>
    static long AflStat(string output, string field)
    {
        var stats = Path.Combine(output, "afl", "main", "fuzzer_stats");
        if (!File.Exists(stats)) return 0;
        var line = File.ReadLines(stats).FirstOrDefault(l => l.Split(':')[0].Trim() == field);
        return line is null ? 0 : long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
    }

    static JsonElement CampaignJson(string output)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "campaign.json")));
        return document.RootElement.Clone();
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms for at most <paramref name="limit"/>.</summary>
    static bool Eventually(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition()) return true;
            Thread.Sleep(100);
        }
        return condition();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);

    const int SigInt = 2;

    /// <summary>
    /// Live processes of a campaign — afl-fuzz, dexthost, the fuzz target — whose working directory,
    /// command line or environment mentions <paramref name="root"/> (zombies excluded: they are dead,
    /// only not reaped by this container's init).
    /// </summary>
    static IReadOnlyList<string> Survivors(string root)
    {
        var found = new List<string>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(entry, "stat"));
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) continue;
                var cmdline = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ');
                if (!(cmdline.Contains("afl-fuzz", StringComparison.Ordinal) || cmdline.Contains("dexthost", StringComparison.Ordinal) ||
                      cmdline.Contains("ConformanceKit.Fuzz.Target", StringComparison.Ordinal))) continue;
                var cwd = new DirectoryInfo(Path.Combine(entry, "cwd")).LinkTarget ?? "";
                var environ = File.ReadAllText(Path.Combine(entry, "environ"));
                if (cwd.StartsWith(root, StringComparison.Ordinal) || cmdline.Contains(root, StringComparison.Ordinal) ||
                    environ.Contains("CK_FUZZ_CAMPAIGN=" + root, StringComparison.Ordinal))
                    found.Add($"{pid} (cwd {cwd}): {cmdline}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours.
            }
        }
        return found;
    }

    /// <summary>
    /// A bad --out or --json, a bad option beside --fresh, --resume without a campaign: one line, exit 2,
    /// and the folder is exactly as it was — nothing created, and the earlier campaign --fresh would
    /// have moved aside still in place.
    /// </summary>
    [Test]
    public void BadOptionsAreRefusedBeforeAnythingIsCreatedOrMoved()
    {
        var folder = Scratch("bad options");
        File.WriteAllText(Path.Combine(folder, "a file"), "x");
        Directory.CreateDirectory(Path.Combine(folder, "a folder"));
        var earlier = Path.Combine(folder, "earlier");
        Directory.CreateDirectory(Path.Combine(earlier, "afl", "main"));
        new CampaignFile(new CampaignFigures
        {
            Dext = "NullDriver", Variant = "asan", Transport = "socket", Jobs = 1, DurationSeconds = 1, Execs = 0, ExecsPerSecond = 0, Paths = 0,
            StartedAt = "2026-12-02T00:00:00.0000000+00:00", CrashInputs = 0, Unreproduced = 0,
        }, findings: 0).WriteIn(earlier);
        string In(string name) => Path.Combine(folder, name);
        var before = Tree(folder);

        var cases = new (string[] Arguments, string Says)[]
        {
            (["fuzz", "--out", In("a file"), "--fresh"], "is an existing file"),
            (["fuzz", "--out", In("new"), "--json", In("a folder")], "is a directory"),
            (["fuzz", "--out", In("new"), "--json", Path.Combine(In("a file"), "x.json")], "is a file, not a folder"),
            (["fuzz", "--out", earlier, "--fresh", "--time", "soon"], "--time soon"),
            (["fuzz", "--out", earlier, "--fresh", "--json", In("a folder")], "is a directory"),
            (["fuzz", "--out", earlier, "--fresh", "--spec", In("no spec.yaml")], "no spec.yaml"),
            (["fuzz", "--out", earlier, "--fresh", "--jobs", "0"], "--jobs 0"),
            (["fuzz", "--out", earlier], "already holds a campaign"),
            (["fuzz", "--out", In("new"), "--resume"], "holds no campaign to resume"),
            (["fuzz", "--out", In("a folder"), "--resume"], "holds no campaign to resume"),
            (["fuzz", "--out", earlier, "--resume", "--dext", Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "LeakyDriver")], "fuzzes NullDriver, not LeakyDriver"),
            (["triage", "--out", In("a folder")], "holds no campaign"),
            (["triage", "--out", In("new")], "no such folder"),
            (["triage", "--out", earlier, "--json", In("a folder")], "is a directory"),
        };
        foreach (var (arguments, says) in cases)
        {
            var result = CliProcess.Run(Limit, arguments);
            var command = string.Join(' ', arguments);
            Assert.That(result.ExitCode, Is.EqualTo(2), $"{command}\n{result}");
            Assert.That(Lines(result.Stderr), Has.Length.EqualTo(1), $"{command}: one line\n{result}");
            Assert.That(result.Stderr, Does.Contain(says), command);
            Assert.That(Tree(folder), Is.EqualTo(before), $"{command} created or moved something");
        }
    }

    /// <summary>
    /// While a campaign runs in OUT, a second `fuzz` into OUT — plain, --resume or --fresh — and a
    /// `triage` of OUT are refused at once, naming the running campaign's PID, and leave it alone:
    /// it still finishes, with every crash input collected and triaged once.
    /// </summary>
    [Test]
    public void ASecondCampaignInTheSameFolderIsRefusedWhileTheFirstRuns()
    {
        var folder = Scratch("second campaign");
        var output = Path.Combine(folder, "campaign");
        using var first = CliProcess.Start(folder, "fuzz", "--dext", NullDriver, "--time", "10s", "--out", output, "--no-pin");
        Assert.That(Eventually(() => CampaignLock.Holder(output) == first.Id || first.HasExited, Limit), "the first campaign takes OUT's lock");
        Assert.That(first.HasExited, Is.False, first.Stdout);

        foreach (var arguments in new[]
                 {
                     new[] { "fuzz", "--dext", NullDriver, "--time", "10s", "--out", output, "--no-pin" },
                     new[] { "fuzz", "--dext", NullDriver, "--time", "10s", "--out", output, "--no-pin", "--resume" },
                     new[] { "fuzz", "--dext", NullDriver, "--time", "10s", "--out", output, "--no-pin", "--fresh" },
                     new[] { "triage", "--out", output, "--dext", NullDriver },
                 })
        {
            var second = CliProcess.Run(Limit, arguments);
            var command = string.Join(' ', arguments);
            Assert.That(second.ExitCode, Is.EqualTo(2), $"{command}\n{second}");
            Assert.That(Lines(second.Stderr), Has.Length.EqualTo(1), $"{command}\n{second}");
            Assert.That(second.Stderr, Does.Contain($"{output} is in use by the campaign of PID {first.Id.ToString(CultureInfo.InvariantCulture)}"), command);
            // Refused at once: before any build, campaign or triage said a word.
            Assert.That(second.Stdout, Is.Empty, $"{command}: refused before building or fuzzing");
        }
        Assert.That(Directory.Exists(output + "-previous"), Is.False, "--fresh moved nothing");

        var result = first.WaitForExit(Limit);
        Assert.That(result.ExitCode, Is.EqualTo(1), $"the first campaign went on undisturbed:\n{result}");
        // The ledger of afl-fuzz's crash files: absent when afl-fuzz saved none (on a busy machine its
        // dry run can take the whole 10 s; the seeds that broke a rule are triaged all the same).
        var ledger = Path.Combine(output, "triage", "collected.txt");
        var collected = File.Exists(ledger) ? File.ReadAllLines(ledger) : [];
        Assert.That(collected, Is.Unique, "every crash input collected once");
        var triaged = File.ReadAllLines(Path.Combine(output, "triage", "triaged.txt")).Select(l => l.Split('\t')[0]).ToArray();
        Assert.That(triaged, Is.Unique, "every crash input triaged once");
        Assert.That(CampaignJson(output).GetProperty("crashInputs").GetInt32(), Is.EqualTo(Directory.GetFiles(Path.Combine(output, "triage", "inputs")).Length));
    }

    /// <summary>
    /// SIGINT to a running `conformancekit fuzz`: exit 130, campaign.json written, no process of the
    /// campaign left — afl-fuzz, the fuzz target, the target's dexthost, the triage's dexthost — and
    /// the folder free: --resume then fuzzes on. What shows that: a new afl-fuzz process wrote the
    /// main instance's fuzzer_stats, with executions in it (its dry run of the resumed queue counts, so
    /// even a machine too busy to fuzz past the dry run within the budget shows them). afl-fuzz 4.04c
    /// does not carry execs_done over an in-place resume (it deletes the old session's stats first), so
    /// the counts of the two runs are not compared: how many each made depends on the machine's load.
    /// </summary>
    [Test]
    public void CtrlCStopsEverythingAndTheCampaignResumes()
    {
        var folder = Scratch("ctrl-c");
        var output = Path.Combine(folder, "campaign");
        using (var campaign = CliProcess.Start(folder, "fuzz", "--dext", NullDriver, "--time", "60s", "--out", output, "--no-pin"))
        {
            // Fuzzing: the target has run inputs for a second, and a dexthost runs for it.
            var execs = Path.Combine(output, "afl", "main", "conformancekit_execs");
            Assert.That(Eventually(() => campaign.HasExited || (File.Exists(execs) &&
                                                                Survivors(folder).Any(p => p.Contains("asan-cov/dexthost", StringComparison.Ordinal))), Limit),
                "the campaign starts fuzzing");
            Assert.That(campaign.HasExited, Is.False, campaign.Stdout);
            TestContext.Out.WriteLine(string.Join('\n', Survivors(folder)));

            Assert.That(Kill(campaign.Id, SigInt), Is.Zero);
            var result = campaign.WaitForExit(TimeSpan.FromMinutes(1));
            TestContext.Out.WriteLine(result);
            Assert.That(result.ExitCode, Is.EqualTo(130), result.ToString());
            Assert.That(result.Stdout, Does.Contain("interrupted"));
        }
        var interrupted = CampaignJson(output);
        Assert.That(interrupted.GetProperty("interrupted").GetBoolean(), Is.True);
        Assert.That(interrupted.GetProperty("execs").GetInt64(), Is.GreaterThan(0));
        var aflBefore = AflStat(output, "fuzzer_pid");
        Assert.That(aflBefore, Is.GreaterThan(0), "the interrupted afl-fuzz wrote its stats as it stopped");

        IReadOnlyList<string> left = [];
        Assert.That(Eventually(() => (left = Survivors(folder)).Count == 0, TimeSpan.FromSeconds(15)),
            "no process of the campaign survives:\n" + string.Join('\n', left));
        Assert.That(CampaignLock.Holder(output) is { } holder && Process.GetProcesses().Any(p => p.Id == holder), Is.False,
            "the lock's holder is gone");

        var resumed = CliProcess.Run(Limit, "fuzz", "--resume", "--dext", NullDriver, "--time", "10s", "--out", output, "--no-pin");
        TestContext.Out.WriteLine(resumed);
        Assert.That(resumed.ExitCode, Is.EqualTo(1), $"the resumed campaign ran (NullDriver's findings):\n{resumed}");
        var after = CampaignJson(output);
        Assert.That(after.GetProperty("interrupted").GetBoolean(), Is.False);
        Assert.That(AflStat(output, "fuzzer_pid"), Is.Not.EqualTo(aflBefore), "--resume ran afl-fuzz again");
        Assert.That(AflStat(output, "execs_done"), Is.GreaterThan(0), "the resumed afl-fuzz ran the target");
        Assert.That(Survivors(folder), Is.Empty);
    }

    /// <summary>
    /// --time is wall-clock time: a 10 s campaign on NullDriver (a crash input every few executions)
    /// ends, by its own clock, within the deadlines it sets itself — budget, afl-fuzz's start
    /// allowance, triage grace, afl-fuzz's stop grace and one dext operation — instead of replaying
    /// and shrinking every crash input however long that takes, and says how many inputs it left
    /// untriaged. (The campaign's recorded duration is judged, not the test's stopwatch: a busy
    /// machine stretches the builds and start-up around it, which is not what is tested.) `conformancekit triage` then finishes the queue, within its own
    /// --time when given one; triaging an input again never counts its hit twice.
    /// </summary>
    [Test]
    public void TheBudgetIsWallClockTimeAndTriageFinishesTheQueue()
    {
        var folder = Scratch("budget");
        var output = Path.Combine(folder, "campaign");
        var json = Path.Combine(folder, "campaign.json");
        var result = CliProcess.Run(Limit, "fuzz", "--dext", NullDriver, "--time", "10s", "--out", output, "--json", json, "--no-pin");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var budget = TimeSpan.FromSeconds(10);
        var ownDeadlines = budget + Campaign.StartAllowance + CampaignOptions.MinimumGrace + Campaign.StopGrace + TimeSpan.FromMilliseconds(2000);
        Assert.That(TimeSpan.FromSeconds(CampaignJson(output).GetProperty("durationSeconds").GetDouble()), Is.LessThanOrEqualTo(ownDeadlines),
            "the campaign stopped at its own deadlines, not after triaging everything");
        var untriaged = CampaignJson(output).GetProperty("untriaged").GetInt32();
        using (var document = JsonDocument.Parse(File.ReadAllText(json)))
            Assert.That(document.RootElement.GetProperty("untriaged").GetInt32(), Is.EqualTo(untriaged));
        Assert.That(result.Stdout, Does.Contain($"untriaged: {untriaged}"));
        var inputs = Directory.GetFiles(Path.Combine(output, "triage", "inputs")).Length;
        Assert.That(inputs, Is.GreaterThan(1), "NullDriver crashes often");

        // Every input queued again, as if none had been triaged (hits are recorded per input).
        Dictionary<string, int> Hits() => Directory.GetDirectories(Path.Combine(output, "findings")).ToDictionary(
            f => Path.GetFileName(f), f => JsonDocument.Parse(File.ReadAllText(Path.Combine(f, "finding.json"))).RootElement.GetProperty("hits").GetInt32());
        var triagedBefore = File.ReadAllLines(Path.Combine(output, "triage", "triaged.txt")).Length;
        var hitsBefore = Hits();
        File.WriteAllText(Path.Combine(output, "triage", "triaged.txt"), "");

        var brief = CliProcess.Run(Limit, "triage", "--out", output, "--time", "1s");
        TestContext.Out.WriteLine(brief);
        Assert.That(brief.ExitCode, Is.EqualTo(1), brief.ToString());
        Assert.That(brief.Stdout, Does.Contain("within 1 s"), "the brief triage ran with its own deadline");
        var left = CampaignJson(output).GetProperty("untriaged").GetInt32();
        Assert.That(left, Is.EqualTo(inputs - File.ReadAllLines(Path.Combine(output, "triage", "triaged.txt")).Length));

        var full = CliProcess.Run(Limit, "triage", "--out", output, "--json", json);
        TestContext.Out.WriteLine(full);
        Assert.That(full.ExitCode, Is.EqualTo(1), full.ToString());
        Assert.That(CampaignJson(output).GetProperty("untriaged").GetInt32(), Is.Zero);
        Assert.That(full.Stdout, Does.Contain("untriaged: 0"));
        var triaged = File.ReadAllLines(Path.Combine(output, "triage", "triaged.txt"));
        Assert.That(triaged, Has.Length.EqualTo(inputs).And.Unique);
        Assert.That(triaged.Length, Is.GreaterThanOrEqualTo(triagedBefore));
        var hitsAfter = Hits();
        var recorded = File.ReadAllLines(Path.Combine(output, "triage", "hits.txt")).Select(l => l.Split('\t')).ToArray();
        Assert.That(recorded.Select(r => $"{r[0]} {r[1]}"), Is.Unique);
        foreach (var (finding, hits) in hitsAfter)
        {
            Assert.That(hits, Is.EqualTo(recorded.Count(r => r[0] == finding)), $"{finding}: one hit per input that shows it");
            // Inputs left untriaged by the campaign add their hits now; the others add none.
            if (untriaged == 0) Assert.That(hits, Is.EqualTo(hitsBefore[finding]), $"{finding}: the same inputs, the same hits");
            else Assert.That(hits, Is.GreaterThanOrEqualTo(hitsBefore.GetValueOrDefault(finding)), finding);
        }
        using (var document = JsonDocument.Parse(File.ReadAllText(json)))
            Assert.That(document.RootElement.GetProperty("findings").GetArrayLength(), Is.EqualTo(hitsAfter.Count));
    }
}
