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
    public void NoRateIsMadeOfTheFirstSecond()
    {
        File.WriteAllText(Path.Combine(_dir, "fuzzer_stats"),
            $"start_time : {DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds()}\nexecs_done : 0\nexecs_per_sec : 0.00\ncorpus_count : 3\n");
        File.WriteAllText(Path.Combine(_dir, FuzzerStats.StatusFileName), "555\n");
        var stats = FuzzerStats.Read(_dir)!;
        Assert.That((stats.Execs, stats.ExecsPerSecond), Is.EqualTo((555L, 0.0)), "afl-fuzz's own rate until a second has passed");
    }

    [Test]
    public void LiveCountersOverrideAStaleStatsFile()
    {
        File.WriteAllText(Path.Combine(_dir, "fuzzer_stats"),
            $"start_time : {DateTimeOffset.UtcNow.AddSeconds(-10).ToUnixTimeSeconds()}\nexecs_done : 100\ncorpus_count : 3\nsaved_crashes : 0\nstability : 90.00%\n");
        File.WriteAllText(Path.Combine(_dir, FuzzerStats.StatusFileName), "20000\n");
        foreach (var (folder, count) in new[] { ("queue", 5), ("crashes", 2), ("hangs", 1) })
        {
            Directory.CreateDirectory(Path.Combine(_dir, folder));
            for (var k = 0; k < count; k++) File.WriteAllText(Path.Combine(_dir, folder, $"id:{k:000000},src:000000"), "x");
        }
        File.WriteAllText(Path.Combine(_dir, "crashes", "README.txt"), "not an input");
        var stats = FuzzerStats.Read(_dir)!;
        Assert.That((stats.Execs, stats.Paths, stats.Crashes, stats.Hangs, stats.Stability), Is.EqualTo((20000L, 5L, 2L, 1L, "90.00%")));
        Assert.That(stats.ExecsPerSecond, Is.InRange(1500, 2100), "executions over the time since start");
    }

    [Test]
    public void NoFileYetIsNoStats() => Assert.That(FuzzerStats.Read(_dir), Is.Null);
}
