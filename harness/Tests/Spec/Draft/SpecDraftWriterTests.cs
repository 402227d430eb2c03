using ConformanceKit.IOKit;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Draft;
using ConformanceKit.Transports;
using static ConformanceKit.Tests.Spec.Draft.SurveyExamples;

namespace ConformanceKit.Tests.Spec.Draft;

/// <summary>The draft `spec init` writes: a spec the loader reads back as what was observed, with the rest as comments.</summary>
public class SpecDraftWriterTests
{
    static DispatchSpec Reload(string draft) => SpecLoader.Parse(draft, "draft.yaml");

    [Test]
    public void EveryObservedFactLoadsBackAsItWasSeen()
    {
        var survey = Hardened();
        var spec = Reload(SpecDraftWriter.Write("Hardened", survey));
        Assert.Multiple(() =>
        {
            Assert.That(spec.Dext, Is.EqualTo("Hardened"));
            Assert.That(spec.Service, Is.EqualTo("Hardened"));
            Assert.That(spec.BundleIdentifier, Is.EqualTo("com.example.Hardened"));
            Assert.That(spec.Access, Is.EqualTo(AccessPolicy.Entitled));
            Assert.That(spec.OutOfRange, Is.EqualTo(new[] { IOReturn.Unsupported }));
            Assert.That(spec.Selectors.Select(s => s.Selector), Is.EqualTo(new uint[] { 0, 1, 4, 5 }));
            Assert.That(spec.Selectors.All(s => s.Checked), "an entry checks its shape");
            Assert.That(spec.Selectors.Select(s => s.Completion),
                Is.EqualTo(new[] { CompletionRule.Forbidden, CompletionRule.Forbidden, CompletionRule.Required, CompletionRule.Any }));
            Assert.That(spec.Find(0)!.Shape, Is.EqualTo(new SelectorShape(new(16), new(0), new(16), new(0))));
            Assert.That(spec.Find(5)!.Shape, Is.EqualTo(new SelectorShape(new(0), new(16), new(0), ShapeSize.Variable)));
            Assert.That(spec.Selectors.All(s => s.Result is null && s.Examples.IsEmpty), "outputs cannot be observed");
            Assert.That(spec.Known, Is.Empty);
            Assert.That(SpecDrift.Compare(spec, survey), Is.Empty, "a fresh draft agrees with what it was drafted from");
        });
    }

    [Test]
    public void WhatCannotBeObservedIsATodoComment()
    {
        var draft = SpecDraftWriter.Write("Hardened", Hardened());
        Assert.Multiple(() =>
        {
            foreach (var todo in (string[])["# name: TODO", "# result: TODO", "# examples: TODO", "# TODO async:", "# TODO known:"])
                Assert.That(draft, Does.Contain(todo));
        });
    }

    [Test]
    public void SelectorsWithoutAUsableEntryAreCommentsNotDeclarations()
    {
        var survey = Hardened(Switch(6, IOReturn.BadArgument), Crashed(7), WithEntry(8, 0, 0, 0, 0, 0, DispatchEntryFlags.NoFunction));
        var draft = SpecDraftWriter.Write("Hardened", survey);
        var spec = Reload(draft);
        Assert.Multiple(() =>
        {
            Assert.That(spec.Selectors.Select(s => s.Selector), Is.EqualTo(new uint[] { 0, 1, 4, 5 }));
            Assert.That(draft, Does.Contain("# TODO selector 6 answered kIOReturnBadArgument without a dispatch entry"));
            Assert.That(draft, Does.Contain("# TODO selector 7 crashed the dext when called without arguments: AddressSanitizer: SEGV on unknown address more"));
            Assert.That(draft, Does.Contain("# TODO selector 8: its dispatch entry has no function"));
        });
    }

    [Test]
    public void ADextAccessibleToAnyClientWithSeveralOutOfRangeAnswersLoads()
    {
        var survey = Hardened() with { Access = AccessPolicy.Any, BundleIdentifier = null, OutOfRange = [IOReturn.Unsupported, IOReturn.BadArgument] };
        var spec = Reload(SpecDraftWriter.Write("Hardened", survey));
        Assert.That(spec.Access, Is.EqualTo(AccessPolicy.Any));
        Assert.That(spec.OutOfRange, Is.EqualTo(new[] { IOReturn.Unsupported, IOReturn.BadArgument }));
    }

    [Test]
    public void NoEntryAtAllIsNoDraft()
    {
        var survey = Hardened() with { Selectors = [Switch(0, IOReturn.BadArgument)] };
        Assert.That(() => SpecDraftWriter.Write("Switchy", survey),
            Throws.TypeOf<SurveyException>().With.Message.Contains("no selector of Switchy reached IOUserClient::ExternalMethod with a dispatch entry"));
    }
    [Test]
    public void ExplainedAnswersAreMayReturnWithTheirCircumstanceAndOthersATodo()
    {
        SelectorAnswers[] answers =
        [
            new(0, [new ObservedRefusal(IOReturn.Timeout, "the device had sent no data")], false, null),
            new(1, [], false, IOReturn.NoMemory),
            new(4, [new ObservedRefusal(IOReturn.Busy, "a call of its own was pending")], true, null),
        ];
        var draft = SpecDraftWriter.Write("Hardened", Hardened(), new DraftObservations(Answers: answers, OnDevice: true));
        var spec = Reload(draft);
        Assert.Multiple(() =>
        {
            Assert.That(spec.Find(0)!.MayReturn, Is.EqualTo(new[] { IOReturn.Timeout }));
            Assert.That(draft, Does.Contain("kIOReturnTimeout when the device had sent no data"));
            Assert.That(spec.Find(1)!.MayReturn, Is.Empty, "an error nothing explained is not whitelisted");
            Assert.That(draft, Does.Contain("# TODO its well-shaped call answered kIOReturnNoMemory"));
            Assert.That(spec.Find(4)!.Role, Is.EqualTo(AsyncRole.Own));
            Assert.That(spec.Find(4)!.MayReturn, Is.EqualTo(new[] { IOReturn.Busy }));
            Assert.That(spec.Find(5)!.Role, Is.EqualTo(AsyncRole.None));
            Assert.That(spec.Device, Is.Not.Null, "it started on a simulated device");
        });
    }

    [Test]
    public void AnObservedLimitIsTheLimitsSection()
    {
        var async = new AsyncSurvey(4, true, [5], true, [IOReturn.NotReady], 5_000_000_000, IOReturn.Success, ["2"]) { Limit = new LimitsSpec(64, IOReturn.NoSpace) };
        var draft = SpecDraftWriter.Write("Hardened", Hardened(), new DraftObservations(async));
        Assert.That(draft, Does.Contain("# observed: requests were refused once 64 completions were owed"));
        Assert.That(Reload(draft).Limits, Is.EqualTo(new LimitsSpec(64, IOReturn.NoSpace)));
    }

    [Test]
    public void ACarriedDeviceSectionIsNotWrittenTwice()
    {
        var draft = SpecDraftWriter.Write("Hardened", Hardened(), new DraftObservations(OnDevice: true), ("device:\n  idVendor: 0x5ac\n", "spec.yaml"));
        Assert.That(draft.Split('\n').Count(line => line.StartsWith("device:", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(Reload(draft).Device, Is.Not.Null);
    }

    [Test]
    public void ACrashWhileTheAsyncProtocolWasObservedSaysWhatWasSeenBeforeIt()
    {
        var crash = new AsyncSurveyCrash(4, "heap-use-after-free@Hardened::Fired", "the virtual clock run 60s after selector 4 was called with a completion", [4]);
        var draft = SpecDraftWriter.Write("Hardened", Hardened(), new DraftObservations(AsyncCrash: crash));
        Assert.Multiple(() =>
        {
            Assert.That(draft, Does.Contain("# TODO the dext crashed (heap-use-after-free@Hardened::Fired) while its async protocol was observed: the virtual clock run 60s after selector 4"));
            Assert.That(draft, Does.Contain("a candidate for async: register: selector(s) 4"));
            Assert.That(Reload(draft).RegisterSelector, Is.Null, "what its completions carry was not seen: no protocol is declared");
        });
    }
}
