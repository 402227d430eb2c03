using ConformanceKit.Fuzz.Triage;
using ConformanceKit.Targets;

namespace ConformanceKit.Fuzz.Tests.Triage;

/// <summary>
/// The triage queue on disk: an input is queued until its triage has finished, whatever ends the
/// command meanwhile; an input is never triaged (nor collected) twice; and what afl-fuzz moved aside
/// when it resumed (crashes.&lt;time&gt;/) is neither lost nor taken again.
/// </summary>
[TestFixture]
public class TriageQueueTests
{
    string _out = "";
    CampaignOptions _options = null!;

    [SetUp]
    public void SetUp()
    {
        _out = Directory.CreateTempSubdirectory("ck-queue-").FullName;
        var target = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));
        _options = new CampaignOptions(target, target.LoadSpec(), _out, TimeSpan.FromSeconds(1), 1, FuzzVariant.Asan,
            Pin: false, Resume: false, NativeCoverage: true, CallTimeout: TimeSpan.FromSeconds(1));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_out, recursive: true);

    void Crash(string folder, string name)
    {
        var path = Path.Combine(_options.AflDirectory, "main", folder);
        Directory.CreateDirectory(path);
        File.WriteAllBytes(Path.Combine(path, name), [1, 2, 3]);
    }

    [Test]
    public void AnInputStaysQueuedUntilItsTriageHasFinished()
    {
        var queue = new TriageQueue(_options);
        Crash("crashes", "id:000000,sig:02");
        Crash("crashes", "id:000001,sig:02");
        foreach (var input in new CrashCollector(_options).Collect()) queue.Add(input.Saved);
        Assert.That((queue.Pending, queue.Triaged, queue.Total), Is.EqualTo((2, 0, 2)));

        var first = queue.Next()!;
        queue.Finish(first, TriageOutcome.Abandoned);
        Assert.That(queue.Next()!.Saved, Is.EqualTo(first.Saved), "cut short: still first in line");
        queue.Finish(first, TriageOutcome.Finding);
        queue.Finish(first, TriageOutcome.Finding);
        Assert.That((queue.Pending, queue.Triaged), Is.EqualTo((1, 1)));

        // A later command (resume, `triage`) finds the same queue on disk.
        var later = new TriageQueue(_options);
        Assert.That((later.Pending, later.Triaged, later.Unreproduced), Is.EqualTo((1, 1, 0)));
        var second = later.Next()!;
        Assert.That(second.Saved, Does.EndWith("main-crashes-id_000001_sig_02"));
        later.Finish(second, TriageOutcome.Unreproduced);
        Assert.That(new TriageQueue(_options) is { Pending: 0, Triaged: 2, Unreproduced: 1 });
        Assert.That(File.ReadAllLines(Path.Combine(_options.TriageDirectory, TriageQueue.LedgerName)), Has.Length.EqualTo(2), "one line per input");
    }

    [Test]
    public void CrashesAflFuzzMovedAsideOnResumeAreCollectedOnceAndNotAgain()
    {
        Crash("crashes", "id:000000,sig:02,time:10");
        Assert.That(new CrashCollector(_options).Collect(), Has.Count.EqualTo(1));
        // afl-fuzz -i - renames crashes/ to crashes.<date>/ and starts a new crashes/.
        var main = Path.Combine(_options.AflDirectory, "main");
        Directory.Move(Path.Combine(main, "crashes"), Path.Combine(main, "crashes.2026-01-01-00:00:00"));
        Crash("crashes.2026-01-01-00:00:00", "id:000001,sig:02,time:20"); // saved, never collected: the campaign was killed
        Crash("crashes", "id:000000,sig:02,time:30");
        var resumed = new CrashCollector(_options).Collect();
        Assert.That(resumed.Select(c => Path.GetFileName(c.Saved)),
            Is.EquivalentTo(new[] { "main-crashes-id_000001_sig_02_time_20", "main-crashes-id_000000_sig_02_time_30" }));
        Assert.That(new CrashCollector(_options).Collect(), Is.Empty);
    }

    [Test]
    public void ACampaignFromBeforeTheLedgerDoesNotTriageItsInputsAgain()
    {
        Crash("crashes", "id:000000,sig:02");
        new CrashCollector(_options).Collect(); // collected.txt and the copy, but no triaged.txt: triaged at once in those days
        Assert.That(new TriageQueue(_options) is { Pending: 0, Triaged: 1 });
    }
}
