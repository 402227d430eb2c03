using System.Text;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Tests.Support;

namespace ConformanceKit.Reports.Tests.Allure;

[TestFixture]
public class EnvironmentPropertiesTests
{
    [Test]
    public void KeysAndValuesAreEscapedAsJavaPropertiesAndRoundTrip()
    {
        KeyValuePair<string, string>[] entries =
        [
            new("check.NullDriver", "socket/asan, seed 1"),
            new("key with spaces=and:separators#!", " leading space, trailing \\ backslash"),
            new("multi", "line one\nline two\r\ttab"),
            new("unicode·key", "ünïcode 漢字"),
        ];
        var text = JavaProperties.Format(entries);
        Assert.That(text.All(c => c < 0x80), Is.True, "the file is pure ASCII (\\uXXXX for the rest)");
        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(entries.Length), "one line per entry");
        Assert.That(text, Does.Contain(@"key\ with\ spaces\=and\:separators\#\!="));
        Assert.That(text, Does.Contain(@"unicode\u00b7key=\u00fcn\u00efcode \u6f22\u5b57"));
        Assert.That(JavaProperties.Parse(text), Is.EqualTo(entries));
    }

    [Test]
    public void MergingKeepsWhatOtherWritersLeftAndLetsNewValuesWin()
    {
        using var dir = new TemporaryDirectory("env");
        var results = new ResultsDirectory(dir.Path);
        results.MergeEnvironment([new("a", "1"), new("b", "2")]);
        results.MergeEnvironment([new("b", "3"), new("c", "4")]);
        var file = File.ReadAllText(Path.Combine(dir.Path, "environment.properties"), Encoding.ASCII);
        Assert.That(JavaProperties.Parse(file), Is.EqualTo(new KeyValuePair<string, string>[] { new("a", "1"), new("b", "3"), new("c", "4") }));
    }

    [Test]
    public void ConcurrentWritersLoseNoEntry()
    {
        using var dir = new TemporaryDirectory("env");
        Parallel.For(0, 16, i => new ResultsDirectory(dir.Path).MergeEnvironment([new($"writer{i}", $"{i}")]));
        var entries = JavaProperties.Parse(File.ReadAllText(Path.Combine(dir.Path, "environment.properties")));
        Assert.That(entries.Select(e => e.Key), Is.EquivalentTo(Enumerable.Range(0, 16).Select(i => $"writer{i}")));
    }
}
