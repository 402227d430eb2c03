using System.Diagnostics;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

/// <summary>
/// The per-call timeout is charged with a host's own run time: its CPU time, and wall time only while
/// nothing of it is runnable. A host waiting for a CPU on a busy machine is charged nothing, so load
/// never turns into a false hang.
/// </summary>
public class HostRunTimeTests
{
    static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);

    [Test]
    public void ABlockedProcessIsChargedEveryWallSlice()
    {
        using var sleeper = Start("sleep", "600");
        WaitUntilState(sleeper.Id, "S");
        var runTime = HostRunTime.Start(sleeper.Id);
        var charged = TimeSpan.Zero;
        for (var i = 0; i < 5; i++) charged = runTime.Charge(Slice);
        Assert.That(charged, Is.GreaterThanOrEqualTo(Slice * 5), "all five slices: it sleeps, nothing for the machine to do");
        Assert.That(charged, Is.LessThan(Slice * 5 + TimeSpan.FromSeconds(0.05)), "and next to no CPU time");
    }

    [Test]
    public void ARunnableProcessIsChargedItsCpuTimeOnly()
    {
        using var spinner = Start("sh", "-c", "while :; do :; done");
        var runTime = HostRunTime.Start(spinner.Id);
        // A slice of zero wall time charges nothing but the CPU time consumed, so the total grows only
        // as the process runs: the loop ends once it has run for a few clock ticks, however busy the
        // machine (the bound is there only so that a broken /proc cannot hang the test run).
        var charged = TimeSpan.Zero;
        var guard = Stopwatch.StartNew();
        while (charged < TimeSpan.FromMilliseconds(50) && guard.Elapsed < TimeSpan.FromMinutes(5))
        {
            Thread.Sleep(10);
            charged = runTime.Charge(TimeSpan.Zero);
        }
        Assert.That(charged, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50)));
    }

    [Test]
    public void WithoutProcEveryWallSliceIsCharged()
    {
        using var gone = Start("true");
        gone.WaitForExit();
        var id = gone.Id;
        gone.Dispose(); // reaped: no /proc entry left
        var runTime = HostRunTime.Start(id);
        runTime.Charge(Slice);
        Assert.That(runTime.Charge(Slice), Is.EqualTo(Slice * 2));
    }

    [TestCase("4242 (dexthost) R 1 2 3 4 5 6 7 8 9 10 250 50 0 0", 3.0)]
    [TestCase("7 (a (strange) name) S 1 2 3 4 5 6 7 8 9 10 1 2 0 0", 0.03)]
    public void CpuTimeIsUserPlusSystemTicks(string stat, double seconds) =>
        Assert.That(HostRunTime.ParseCpuSeconds(stat), Is.EqualTo(seconds).Within(1e-9));

    [TestCase("no parenthesis here")]
    [TestCase("1 (short) R 1 2")]
    [TestCase("1 (x) R 1 2 3 4 5 6 7 8 9 10 -1 2 0 0")]
    public void AMalformedStatIsUnreadable(string stat) => Assert.That(HostRunTime.ParseCpuSeconds(stat), Is.Null);

    [TestCase(new[] { "S", "S", "I" }, true)]
    [TestCase(new[] { "T" }, true)]
    [TestCase(new[] { "S", "R" }, false)]
    [TestCase(new[] { "D", "S" }, false)]
    [TestCase(new string[0], null)]
    public void OnlyAProcessWithNothingRunnableIsBlocked(string[] states, bool? blocked) =>
        Assert.That(HostRunTime.AllBlocked(states), Is.EqualTo(blocked));

    static Child Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return new Child(Process.Start(start)!);
    }

    /// <summary>A child process that is killed when the test is done with it.</summary>
    sealed class Child(Process process) : IDisposable
    {
        public int Id { get; } = process.Id;

        public void WaitForExit() => process.WaitForExit();

        public void Dispose()
        {
            try
            {
                if (!process.HasExited) process.Kill();
                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already reaped.
            }
            process.Dispose();
        }
    }

    /// <summary>Waits (without a time limit that could fail) until the process has reached the state.</summary>
    static void WaitUntilState(int id, string state)
    {
        while (!File.ReadAllText($"/proc/{id}/stat").Contains($") {state} ", StringComparison.Ordinal)) Thread.Sleep(5);
    }
}
