using System.Text.Json;
using System.Text.RegularExpressions;
using ConformanceKit.Contracts;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Tests.Support;

namespace ConformanceKit.Reports.Tests.Allure;

[TestFixture]
public class AtomicWriteTests
{
    [Test]
    public void AReaderNeverSeesHalfAFile()
    {
        using var dir = new TemporaryDirectory("atomic");
        var results = new ResultsDirectory(dir.Path);
        var uuid = ResultsDirectory.NewUuid();
        var path = Path.Combine(dir.Path, $"{uuid}-result.json");
        var big = new string('x', 256 * 1024);
        var stop = false;
        var partial = 0;
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                if (!File.Exists(path)) continue;
                try
                {
                    JsonDocument.Parse(File.ReadAllBytes(path)).Dispose();
                    reads++;
                }
                catch (JsonException) { partial++; }
                catch (IOException) { }
            }
        });
        for (var i = 0; i < 100; i++)
            results.Write(new AllureResult { Uuid = uuid, Name = $"{i}", Status = AllureStatus.Passed, Start = i, Stop = i, Description = big });
        Volatile.Write(ref stop, true);
        reader.Wait();
        Assert.That(reads, Is.GreaterThan(0), "the reader must have read the file while it was rewritten");
        Assert.That(partial, Is.Zero, "a reader saw a partially written result");
    }

    [Test]
    public void AFailedWriteLeavesNeitherTheFileNorATemporary()
    {
        using var dir = new TemporaryDirectory("atomic");
        var target = Path.Combine(dir.Path, "occupied");
        Directory.CreateDirectory(target); // the rename onto a directory fails
        Assert.That(() => AtomicFile.Write(target, [1, 2, 3]), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
        Assert.That(Directory.EnumerateFiles(dir.Path), Is.Empty, "the temporary file must be removed");
    }

    [Test]
    public void NoTemporaryFilesAreLeftAfterWriting()
    {
        using var dir = new TemporaryDirectory("atomic");
        var results = new ResultsDirectory(dir.Path);
        results.Write(new AllureResult { Uuid = ResultsDirectory.NewUuid(), Name = "n", Status = AllureStatus.Passed, Start = 0, Stop = 0 });
        results.AttachText("a", "b");
        results.MergeEnvironment([new("k", "v")]);
        Assert.That(Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName), Has.None.Match(@"\.tmp$"));
    }

    [Test]
    public void ATemporaryNameMatchesNoPatternAllureReads()
    {
        // The file patterns of Allure 3's results reader (packages/reader/src/allure2/index.ts, v3.14.3; 3.18.0 only adds *-perf.json, performance.json and history files).
        var temporary = $"{AtomicFile.TemporaryPrefix}{Guid.NewGuid():N}{AtomicFile.TemporarySuffix}";
        string[] suffixes = ["-result.json", "-container.json", "-globals.json", "-check.json"];
        Assert.That(suffixes.Any(temporary.EndsWith), Is.False);
        Assert.That(Regex.IsMatch(temporary, @"-attachment($|\.)"), Is.False);
        Assert.That(temporary, Is.Not.AnyOf("executor.json", "categories.json", "environment.properties", "environment.xml"));
    }
}
