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
}
