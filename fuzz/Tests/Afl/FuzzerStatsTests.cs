using ConformanceKit.Fuzz.Afl;

namespace ConformanceKit.Fuzz.Tests.Afl;

public class FuzzerStatsTests
{
    string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ck-stats-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void ReadsAflPlusPlusFourNames()
    {
        File.WriteAllText(Path.Combine(_dir, "fuzzer_stats"),
            "start_time        : 1764067200\nexecs_done        : 123456\nexecs_per_sec     : 2057.61\ncorpus_count      : 150\n" +
            "saved_crashes     : 7\nsaved_hangs       : 1\nlast_find         : 1764067260\nstability         : 97.50%\n");
        var stats = FuzzerStats.Read(_dir)!;
        Assert.Multiple(() =>
        {
            Assert.That(stats.Execs, Is.EqualTo(123456));
            Assert.That(stats.ExecsPerSecond, Is.EqualTo(2057.61).Within(0.001));
            Assert.That(stats.Paths, Is.EqualTo(150));
            Assert.That(stats.Crashes, Is.EqualTo(7));
            Assert.That(stats.Hangs, Is.EqualTo(1));
            Assert.That(stats.LastFind, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1764067260)));
            Assert.That(stats.Stability, Is.EqualTo("97.50%"));
            Assert.That(stats.Instance, Is.EqualTo(Path.GetFileName(_dir)));
        });
    }

    [Test]
    public void ReadsTheOlderNames()
    {
        File.WriteAllText(Path.Combine(_dir, "fuzzer_stats"), "execs_done : 10\npaths_total : 4\nunique_crashes : 2\nlast_path : 0\n");
        var stats = FuzzerStats.Read(_dir)!;
        Assert.That((stats.Paths, stats.Crashes, stats.LastFind), Is.EqualTo((4L, 2L, (DateTimeOffset?)null)));
    }

    [Test]
    public void NoFileYetIsNoStats() => Assert.That(FuzzerStats.Read(_dir), Is.Null);
}
