using ConformanceKit.Oracle;
using ConformanceKit.Properties.Catalog;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Properties.Tests.Catalog;

/// <summary>Which rule targets the catalog makes of a spec, before any program runs.</summary>
[TestFixture]
public class RuleCatalogTargetsTests
{
    /// <summary>
    /// MazeDriver's only entry checks nothing (completion any, every count and size variable): no call is
    /// malformed, so dispatch.shape is not applicable there, instead of a generator that filters for a
    /// malformed call forever (check used to spin at 100 % CPU on it).
    /// </summary>
    [Test]
    public void AnEntryThatChecksNothingHasNoDispatchShapeProperty()
    {
        var spec = SpecLoader.LoadFile(Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "MazeDriver", "spec.yaml"));
        var entry = spec.Selectors.Single();
        Assert.That(entry is { Checked: true, AcceptsEveryShape: true }, "the spec declares a checked entry that accepts every shape");
        var shape = RuleCatalog.For(spec, TransportAbilities.All).Single(t => t.Rule == Rules.DispatchShape);
        Assert.That(shape.Property, Is.Null);
        Assert.That(shape.NotApplicableBecause, Does.Contain("no shape is malformed"));
    }

    /// <summary>Any one fixed count, size or completion rule leaves a malformed shape, and dispatch.shape a property.</summary>
    [TestCase("completion: required")]
    [TestCase("scalarInput: 2")]
    [TestCase("structInput: 0")]
    [TestCase("scalarOutput: 16")]
    [TestCase("structOutput: 8")]
    public void OneCheckMakesDispatchShapeApplicable(string key)
    {
        var field = key.Split(':')[0];
        var lines = new[] { "completion: any", "scalarInput: variable", "structInput: variable", "scalarOutput: variable", "structOutput: variable" }
            .Select(l => l.StartsWith(field + ":", StringComparison.Ordinal) ? key : l);
        var yaml = "specVersion: 1\ndext: T\nselectors:\n  - selector: 0\n" + string.Concat(lines.Select(l => $"    {l}\n"));
        var spec = SpecLoader.Parse(yaml, "spec.yaml");
        Assert.That(spec.Selectors[0].AcceptsEveryShape, Is.False);
        Assert.That(RuleCatalog.For(spec, TransportAbilities.All).Single(t => t.Rule == Rules.DispatchShape).Property, Is.Not.Null);
    }
}
