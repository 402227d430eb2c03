using ConformanceKit.IOKit;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Draft;
using static ConformanceKit.Tests.Spec.Draft.SurveyExamples;

namespace ConformanceKit.Tests.Spec.Draft;

/// <summary>What `spec diff` and rule spec.dispatch report: each difference once, at its selector and field.</summary>
public class SpecDriftTests
{
    const string Head = """
        specVersion: 1
        dext: Hardened
        bundleIdentifier: com.example.Hardened
        access: entitled
        selectors:
          - { selector: 0, scalarInput: 16, scalarOutput: 16 }
          - { selector: 1, structInput: 16, structOutput: 16 }
          - { selector: 4, completion: required, structInput: 16, structOutput: 16 }
          - { selector: 5, completion: any, structInput: 16, structOutput: variable }

        """;

    static DispatchSpec Spec(string text = Head) => SpecLoader.Parse(text, "spec.yaml");

    [Test]
    public void AMatchingSpecHasNoDifference() => Assert.That(SpecDrift.Compare(Spec(), Hardened()), Is.Empty);

    [Test]
    public void OneCountChangedInTheEntryIsExactlyThatSelectorAndField()
    {
        var survey = Hardened() with { Selectors = [.. Hardened().Selectors.Where(s => s.Selector != 1), WithEntry(1, 0, 0, 17, 0, 16)] };
        var difference = SpecDrift.Compare(Spec(), survey).Single();
        Assert.Multiple(() =>
        {
            Assert.That(difference.Selector, Is.EqualTo(1u));
            Assert.That(difference.Field, Is.EqualTo("structInput"));
            Assert.That(difference.ToString(), Is.EqualTo("selector 1 structInput: spec 16 (checked), dext 17 in its dispatch entry"));
        });
    }

    [Test]
    public void ACheckedSizeTheEntryDoesNotCheckIsADifference()
    {
        var survey = Hardened() with { Selectors = [.. Hardened().Selectors.Where(s => s.Selector != 0), WithEntry(0, 0, Any, 0, 16, 0)] };
        var difference = SpecDrift.Compare(Spec(), survey).Single();
        Assert.That(difference.ToString(), Is.EqualTo("selector 0 scalarInput: spec 16 (checked), dext variable in its dispatch entry (not checked)"));
    }

    [Test]
    public void AnUncheckedSelectorsShapeIsOneAVariableEntryAccepts()
    {
        var text = Head.Replace("{ selector: 0, scalarInput: 16", "{ selector: 0, checked: false, scalarInput: 16", StringComparison.Ordinal);
        var survey = Hardened() with { Selectors = [.. Hardened().Selectors.Where(s => s.Selector != 0), WithEntry(0, 0, Any, 0, 16, 0)] };
        Assert.That(SpecDrift.Compare(Spec(text), survey), Is.Empty);
    }

    [Test]
    public void CompletionAccessAndOutOfRangeAreCompared()
    {
        var survey = Hardened() with
        {
            Access = AccessPolicy.Any,
            OutOfRange = [IOReturn.Error],
            Selectors = [.. Hardened().Selectors.Where(s => s.Selector != 4), WithEntry(4, Any, 0, 16, 0, 16)],
        };
        Assert.That(SpecDrift.Compare(Spec(), survey).Select(d => d.Kind), Is.EquivalentTo(new[] { "access", "outOfRange", "completion" }));
    }

    [Test]
    public void TheAsyncProtocolIsComparedWhenItWasObserved()
    {
        const string Async = """
            async:
              delay: 5s
              leeway: 2s
              args: ["2"]

            """;
        var text = Head.Replace("{ selector: 4, completion: required,", "{ selector: 4, async: register, completes: true, completion: required,", StringComparison.Ordinal)
            .Replace("{ selector: 5, completion: any,", "{ selector: 5, async: request, completes: true, completion: any,", StringComparison.Ordinal) + Async;
        var spec = Spec(text);
        var observed = new AsyncSurvey(4, true, [5], true, [IOReturn.NotReady], 5_000_000_000, IOReturn.Success, ["2"]);
        Assert.That(SpecDrift.Compare(spec, Hardened(), observed), Is.Empty);
        Assert.That(SpecDrift.Compare(spec, Hardened()), Is.Empty, "without an observation the protocol is not compared");
        var drifted = observed with { Requests = [], RequestsComplete = false, DelayNs = 8_000_000_000 };
        Assert.That(SpecDrift.Compare(spec, Hardened(), drifted).Select(d => d.ToString()), Is.EquivalentTo(new[]
        {
            "selector 5 async: spec request, dext none",
            "async delay: spec 5s + 2s leeway, dext a completion after 8s",
        }));
    }

    [Test]
    public void SelectorsOneSideLacksAreNamedWithWhatTheDextDid()
    {
        var survey = Hardened(WithEntry(9, 0, 1, 0, 0, 0), Switch(10, IOReturn.Error), Crashed(11)) with
        {
            Selectors = [.. Hardened(WithEntry(9, 0, 1, 0, 0, 0), Switch(10, IOReturn.Error), Crashed(11)).Selectors.Where(s => s.Selector != 5)],
        };
        var differences = SpecDrift.Compare(Spec(), survey);
        Assert.That(differences.Select(d => (d.Selector, d.Kind)), Is.EquivalentTo(new (uint?, string)[]
        {
            (5, "declared-out-of-range"), (9, "undeclared-entry"), (10, "undeclared-answer"), (11, "undeclared-crash"),
        }));
        Assert.That(differences.Single(d => d.Selector == 9).ToString(), Does.StartWith("selector 9: spec does not declare it, dext has a dispatch entry (completion forbidden, scalarInput 1"));
    }

    [Test]
    public void AnUncheckedSelectorAnsweredLikeFarOnesIsNotADifference()
    {
        var spec = Spec(Head + "  - { selector: 2333, checked: false, scalarOutput: 1 }\n");
        Assert.That(SpecDrift.Compare(spec, Hardened()), Is.Empty, "a switch that answers success to anything cannot be told apart from outside");
    }
}
