using ConformanceKit.Spec;

namespace ConformanceKit.Tests.Spec;

/// <summary>One duration parser for specs, program text and every option (--time 10m as the README shows it).</summary>
[TestFixture]
public class DurationsTests
{
    [TestCase("7ns", 7UL)]
    [TestCase("20us", 20_000UL)]
    [TestCase("1500ms", 1_500_000_000UL)]
    [TestCase("60s", 60_000_000_000UL)]
    [TestCase("10m", 600_000_000_000UL)]
    [TestCase("2h", 7_200_000_000_000UL)]
    [TestCase("1h30m", 5_400_000_000_000UL)]
    [TestCase("1m30s", 90_000_000_000UL)]
    [TestCase("2s500ms", 2_500_000_000UL)]
    [TestCase(" 5s ", 5_000_000_000UL)]
    [TestCase("42", 42UL)]
    [TestCase("0s", 0UL)]
    public void Parses(string text, ulong nanoseconds)
    {
        Assert.That(Durations.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(nanoseconds));
    }

    [TestCase("")]
    [TestCase("s")]
    [TestCase("-5s")]
    [TestCase("5 s")]
    [TestCase("5S")]
    [TestCase("5sec")]
    [TestCase("1.5s")]
    [TestCase("5d")]
    [TestCase("1h30")]
    [TestCase("99999999999999999999s")]
    [TestCase("5124096h")] // over 2^64 ns
    [TestCase("5124095h1h")] // the sum overflows
    public void Refuses(string text)
    {
        Assert.That(Durations.TryParse(text, out _), Is.False, text);
    }

    [TestCase(0UL, "0s")]
    [TestCase(5_000_000_000UL, "5s")]
    [TestCase(600_000_000_000UL, "600s")]
    [TestCase(1_500_000UL, "1500us")]
    [TestCase(7UL, "7ns")]
    public void FormatsInSecondsAndBelowAndRoundTrips(ulong nanoseconds, string text)
    {
        Assert.That(Durations.Format(nanoseconds), Is.EqualTo(text));
        Assert.That(Durations.TryParse(text, out var back) && back == nanoseconds, Is.True);
    }
}
