using ConformanceKit.Reports.Export.Charts;
using ConformanceKit.Reports.Tests.Support;

namespace ConformanceKit.Reports.Tests.Charts;

[TestFixture]
public class PlotDataTests
{
    /// <summary>plot_data as afl-fuzz++4.04c left it after a 30 s campaign against NullDriver (Fixtures/afl/).</summary>
    static string RealPlotData => File.ReadAllText(Fixtures.Afl("plot_data-4.04c"));

    [Test]
    public void TheRealAflPlusPlus4FileIsReadByItsHeadersNames()
    {
        var plot = PlotData.Parse(RealPlotData);
        Assert.Multiple(() =>
        {
            Assert.That(plot.Columns, Is.EqualTo(new[]
            {
                "relative_time", "cycles_done", "cur_item", "corpus_count", "pending_total", "pending_favs", "map_size",
                "saved_crashes", "saved_hangs", "max_depth", "execs_per_sec", "total_execs", "edges_found",
            }));
            Assert.That(plot.RelativeTime, Is.True);
            Assert.That(plot.SkippedLines, Is.Zero);
            Assert.That(plot.Problem, Is.Null);
            Assert.That(plot.Rows, Has.Count.EqualTo(1));
            var row = plot.Rows[0];
            Assert.That(row.Time, Is.EqualTo(30));
            Assert.That(row.Value(PlotData.Paths), Is.EqualTo(320));
            Assert.That(row.Value(PlotData.ExecsPerSecond), Is.EqualTo(722.5));
            Assert.That(row.Value(PlotData.SavedCrashes), Is.EqualTo(42));
            Assert.That(row.Value(PlotData.Edges), Is.EqualTo(1237));
            Assert.That(row.Values["map_size"], Is.EqualTo(1.89), "the percent sign is dropped");
        });
    }

    [Test]
    public void SeveralRowsKeepTheirOrderAndValues()
    {
        var plot = PlotData.Parse(FuzzFolder.PlotHeader + FuzzFolder.PlotRow(5, 120, 650, 0) + FuzzFolder.PlotRow(10, 180, 700.25, 3));
        Assert.That(plot.Rows.Select(r => r.Time), Is.EqualTo(new[] { 5.0, 10.0 }));
        Assert.That(plot.Rows.Select(r => r.Value(PlotData.Paths)), Is.EqualTo(new double?[] { 120, 180 }));
        Assert.That(plot.Rows[1].Value(PlotData.ExecsPerSecond), Is.EqualTo(700.25));
    }

    [Test]
    public void ANewerHeaderWithMoreColumnsIsReadToo()
    {
        // AFL++ after 4.10 appends total_crashes and servers_count.
        var plot = PlotData.Parse(
            "# relative_time, cycles_done, cur_item, corpus_count, pending_total, pending_favs, map_size, saved_crashes, saved_hangs, max_depth, execs_per_sec, total_execs, edges_found, total_crashes, servers_count\n" +
            "60, 1, 9, 20, 2, 0, 5.10%, 1, 0, 3, 950.00, 19000, 210, 4, 0\n");
        Assert.That(plot.Rows.Single().Value(PlotData.SavedCrashes), Is.EqualTo(1));
        Assert.That(plot.Rows.Single().Values["total_crashes"], Is.EqualTo(4));
    }

    [Test]
    public void AnOlderHeaderWithUnixTimeAndTheOldNamesIsRead()
    {
        // AFL 2.x / AFL++ 3.x: absolute time first, paths_total and unique_crashes.
        var plot = PlotData.Parse(
            "# unix_time, cycles_done, cur_path, paths_total, pending_total, pending_favs, map_size, unique_crashes, unique_hangs, max_depth, execs_per_sec\n" +
            "1427742641, 11, 54, 419, 45, 0, 2.70%, 3, 0, 9, 1645.47\n" +
            "1427742646, 11, 55, 421, 44, 0, 2.71%, 4, 0, 9, 1650.00\n");
        Assert.Multiple(() =>
        {
            Assert.That(plot.RelativeTime, Is.False);
            Assert.That(plot.Rows.Select(r => r.Time), Is.EqualTo(new[] { 1427742641.0, 1427742646.0 }));
            Assert.That(plot.Rows[0].Value(PlotData.Paths), Is.EqualTo(419), "paths_total stands for corpus_count");
            Assert.That(plot.Rows[1].Value(PlotData.SavedCrashes), Is.EqualTo(4), "unique_crashes stands for saved_crashes");
            Assert.That(plot.Rows[0].Value(PlotData.Edges), Is.Null, "no such column then");
        });
    }

    [Test]
    public void ColumnsAreFoundByNameNotByPosition()
    {
        var plot = PlotData.Parse("# execs_per_sec, corpus_count, relative_time\n812.5, 77, 42\n");
        var row = plot.Rows.Single();
        Assert.That((row.Time, row.Value(PlotData.Paths), row.Value(PlotData.ExecsPerSecond)), Is.EqualTo((42.0, (double?)77, (double?)812.5)));
    }

    [Test]
    public void MalformedLinesAreSkippedAndCountedNeverThrown()
    {
        var text = FuzzFolder.PlotHeader +
                   FuzzFolder.PlotRow(5, 120, 650, 0) +
                   "10, 0, 1, 150, 303\n" +                                     // cut short: the fuzzer was killed mid-write
                   "garbage that is not a row\n" +
                   "soon, 0, 1, 150, 303, 17, 1.89%, 0, 0, 2, 700.00, 7000, 1237\n" + // time is not a number
                   "\n   \n" +                                                     // blank lines are not rows, nor errors
                   "15, 0, 1, lots, 303, 17, 1.89%, 2, 0, 2, 700.00, 10500, 1237\n" + // one bad value: the row stays, the value does not
                   "20, 0, 1, 200, 303, 17, 1.89%, 2, 0, 2, 710.00, 14000, 1237, 99\n"; // an extra field (a newer afl-fuzz resumed the file)
        PlotData plot = null!;
        Assert.That(() => plot = PlotData.Parse(text), Throws.Nothing);
        Assert.Multiple(() =>
        {
            Assert.That(plot.SkippedLines, Is.EqualTo(3));
            Assert.That(plot.Rows.Select(r => r.Time), Is.EqualTo(new[] { 5.0, 15.0, 20.0 }));
            Assert.That(plot.Rows[1].Value(PlotData.Paths), Is.Null);
            Assert.That(plot.Rows[1].Value(PlotData.SavedCrashes), Is.EqualTo(2));
            Assert.That(plot.Rows[2].Value(PlotData.Paths), Is.EqualTo(200));
        });
    }

    [Test]
    public void WindowsLineEndsAndSpacesAreTolerated()
    {
        var plot = PlotData.Parse("#relative_time,corpus_count\r\n  5 ,  10 \r\n");
        Assert.That(plot.Rows.Single().Value(PlotData.Paths), Is.EqualTo(10));
    }

    [TestCase("", "plot_data is empty")]
    [TestCase("\n\n", "plot_data is empty")]
    [TestCase(FuzzFolder.PlotHeader, "plot_data has no samples yet")]
    [TestCase("30, 0, 1, 320\n", "plot_data has no header naming its columns")]
    [TestCase("# a comment, not a header\n30, 1\n", "plot_data has no header naming its columns")]
    public void AFileWithoutSamplesHasNoRowsAndSaysWhy(string text, string problem)
    {
        var plot = PlotData.Parse(text);
        Assert.That(plot.HasRows, Is.False);
        Assert.That(plot.Problem, Is.EqualTo(problem));
    }

    [Test]
    public void AMissingFileIsAnEmptyPlotNotAnError()
    {
        using var dir = new TemporaryDirectory("plot-missing");
        var plot = PlotData.Read(dir.Combine("afl", "main", "plot_data"));
        Assert.That(plot.HasRows, Is.False);
        Assert.That(plot.Problem, Is.EqualTo("no plot_data"));
    }

    [Test]
    public void AFileThatCannotBeReadIsAnEmptyPlotNotAnError()
    {
        using var dir = new TemporaryDirectory("plot-dir");
        Directory.CreateDirectory(dir.Combine("plot_data")); // a folder where the file should be
        PlotData plot = null!;
        Assert.That(() => plot = PlotData.Read(dir.Combine("plot_data")), Throws.Nothing);
        Assert.That(plot.HasRows, Is.False);
    }
}
