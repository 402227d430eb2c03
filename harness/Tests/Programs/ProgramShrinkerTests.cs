using ConformanceKit.Programs;

namespace ConformanceKit.Tests.Programs;

/// <summary>
/// The shrinker runs each candidate program once, goes on after a success instead of starting over,
/// and says how many runs it took.
/// </summary>
public class ProgramShrinkerTests
{
    /// <summary>An open and 30 calls of which only the one to selector 7 matters.</summary>
    static Program WithNoise()
    {
        var lines = new List<string> { "# conformancekit program v1", "open c0" };
        for (var k = 0; k < 30; k++) lines.Add(k == 12 ? "call c0 7 scalars=5" : $"call c0 {k % 5} scalars=1");
        return ProgramText.Parse(string.Join('\n', lines) + "\n");
    }

    static bool CallsSeven(Program program) =>
        program.Steps.OfType<CallStep>().Any(c => c.Selector == 7);

    [Test]
    public void EveryCandidateIsRunOnce()
    {
        var seen = new List<string>();
        var result = ProgramShrinker.Minimize(WithNoise(), p =>
        {
            seen.Add(ProgramText.Format(p));
            return CallsSeven(p);
        });
        Assert.That(seen, Is.Unique);
        Assert.That(result.Attempts, Is.EqualTo(seen.Count));
    }

    [Test]
    public void ItGoesOnFromWhereItWasAfterASuccess()
    {
        var result = ProgramShrinker.Minimize(WithNoise(), CallsSeven);
        Assert.That(ProgramText.Format(result.Program), Is.EqualTo("open c0\ncall c0 7\n"));
        // Dropping the 29 other calls one by one, going on after each, costs a run per step and a few
        // more for the last pass and the scalar; starting over after each success would cost hundreds.
        Assert.That(result.Attempts, Is.LessThan(80), $"{result.Attempts} runs");
    }

    [Test]
    public void TheBudgetBoundsTheRuns()
    {
        var runs = 0;
        var result = ProgramShrinker.Minimize(WithNoise(), p => ++runs > 0 && CallsSeven(p), budget: 10);
        Assert.That(runs, Is.EqualTo(10));
        Assert.That(result.Attempts, Is.EqualTo(10));
        Assert.That(CallsSeven(result.Program), "what it returns still fails");
    }

    /// <summary>Shrinking terminates because every candidate is strictly smaller, memory steps included.</summary>
    [Test]
    public void EveryCandidateIsSmallerMemoryStepsIncluded()
    {
        var program = ProgramText.Parse("""
            # conformancekit program v1
            open c0
            map c0 m0 type=1
            poke m0 offset=20 in=ffffff7f
            peek m0 offset=8 len=16
            call c0 2 scalars=7
            """);
        var candidates = ProgramShrinker.Candidates(program).ToArray();
        Assert.That(candidates, Is.Not.Empty);
        foreach (var candidate in candidates)
        {
            Assert.That(ProgramValidity.IsValid(candidate), ProgramText.Format(candidate));
            Assert.That(ConformanceKit.Runner.ProgramSize.Of(candidate), Is.LessThan(ConformanceKit.Runner.ProgramSize.Of(program)), ProgramText.Format(candidate));
        }
    }

    [Test]
    public void AProgramNoSmallerOneOfWhichFailsIsReturnedAsItIs()
    {
        var program = ProgramText.Parse("# conformancekit program v1\nopen c0\ncall c0 7 scalars=5\n");
        var result = ProgramShrinker.Minimize(program, p => p.Equals(program));
        Assert.That(result.Program, Is.EqualTo(program));
        Assert.That(result.Attempts, Is.EqualTo(ProgramShrinker.Candidates(program).Select(p => ProgramText.Format(p)).Distinct().Count()),
            "each candidate once, then done");
    }
}
