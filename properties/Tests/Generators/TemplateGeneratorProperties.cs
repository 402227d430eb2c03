using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Properties.Catalog;
using ConformanceKit.Properties.Generators;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Tests.Generators;

/// <summary>
/// The generators over CollectionsDriver's spec, whose Decode and Remember selectors take structure
/// input templates: what dispatch.accept's programs call them with always matches the template, and
/// what memory.safety's programs call them with includes messages both on and off the template.
/// </summary>
public class TemplateGeneratorProperties
{
    static readonly DispatchSpec Spec = SpecLoader.LoadFile(Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "CollectionsDriver", "spec.yaml"));

    static SelectorSpec[] TemplateSelectors => Spec.Selectors.Where(s => s.Template is not null).ToArray();

    static IEnumerable<CallStep> CallsTo(RuleProperty property, SelectorSpec entry, int samples) =>
        property.Sweep.Concat(property.Generator.Sample(samples, new Rnd(11), 20))
            .SelectMany(p => p.Steps.OfType<CallStep>()).Where(c => c.Selector == entry.Selector);

    [Test]
    public void TheSpecHasTemplates() => Assert.That(TemplateSelectors.Select(s => s.Selector), Is.EqualTo(new uint[] { 2, 3 }));

    [Test]
    public void WellShapedCallsAlwaysMatchTheTemplate()
    {
        foreach (var entry in TemplateSelectors)
        {
            var calls = CallGen.WellShaped(entry).Sample(1000, new Rnd(7), 30);
            Assert.That(calls.Select(c => entry.Template!.FirstMismatch(c.StructInput.AsSpan())), Is.All.Null, entry.Label);
            Assert.That(calls.Select(c => DispatchOracle.FirstShapeMismatch(entry, c)), Is.All.Null, entry.Label);
        }
    }

    [Test]
    public void DispatchAcceptOnlyEverCallsWithWellFormedMessages()
    {
        var targets = RuleCatalog.For(Spec, TransportAbilities.All);
        foreach (var entry in TemplateSelectors)
        {
            var accept = targets.Single(t => t.Rule == Rules.DispatchAccept && t.Selector == entry).Property!;
            var expectations = CallsTo(accept, entry, 200).Select(c => DispatchOracle.Expect(Spec, c, false).Rule).ToArray();
            Assert.That(expectations, Is.Not.Empty.And.All.EqualTo(Rules.DispatchAccept), entry.Label);
        }
    }

    [Test]
    public void MemorySafetyCallsWithMessagesOnAndOffTheTemplate()
    {
        var targets = RuleCatalog.For(Spec, TransportAbilities.All);
        foreach (var entry in TemplateSelectors)
        {
            var safety = targets.Single(t => t.Rule == Rules.MemorySafety && t.Selector == entry).Property!;
            var kinds = CallsTo(safety, entry, 300).Select(c => DispatchOracle.Expect(Spec, c, false).Kind).ToHashSet();
            Assert.That(kinds, Is.SupersetOf(new[] { "accept", "off-template" }), entry.Label);
        }
    }

    [Test]
    public void OffTemplateMessagesAreMostlyOffTheTemplate()
    {
        var template = Spec.Find(2)!.Template!;
        var messages = MessageGen.OffTemplate(template).Sample(500, new Rnd(5), 20);
        var off = messages.Count(m => template.FirstMismatch(m.AsSpan()) is not null);
        Assert.That(off, Is.GreaterThan(400), "only a corruption of the any-value field leaves a message well-formed");
    }
}
