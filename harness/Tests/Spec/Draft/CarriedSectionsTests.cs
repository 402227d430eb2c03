using ConformanceKit.Spec.Draft;

namespace ConformanceKit.Tests.Spec.Draft;

/// <summary>What a draft keeps of an existing spec: how the dext is built and what it runs on, as written.</summary>
public class CarriedSectionsTests
{
    const string Spec = """
        specVersion: 1
        dext: D
        build:                  # settings
          VERSION: "1.0"
        # about the selectors
        selectors:
          - selector: 0
        device:
          interrupts: 2
        include: [../Shared]
        known: []
        """;

    [Test]
    public void BesideTheSpecEverySectionIsCarriedWithItsComments()
    {
        Assert.That(CarriedSections.From(Spec, sameFolder: true),
            Is.EqualTo("build:                  # settings\n  VERSION: \"1.0\"\n# about the selectors\ndevice:\n  interrupts: 2\ninclude: [../Shared]\n"));
    }

    [Test]
    public void ElsewhereTheSectionsWithRelativePathsAreNot()
    {
        Assert.That(CarriedSections.From(Spec, sameFolder: false), Is.EqualTo("device:\n  interrupts: 2\n"));
    }

    [Test]
    public void ASpecWithoutThemCarriesNothing()
    {
        Assert.That(CarriedSections.From("specVersion: 1\ndext: D\n", sameFolder: true), Is.Empty);
    }

    [Test]
    public void ProbedValuesAreDescribedAsRuns()
    {
        var values = new ProbedValues([0, 1, 2, 3, 4, 5, 6], [1, 2, 4, 6]);
        Assert.Multiple(() =>
        {
            Assert.That(values.Describe(), Is.EqualTo("1..2, 4, 6"));
            Assert.That(values.Describe(runs: 2), Is.EqualTo("1..2, 4, ..."));
            Assert.That(values.AcceptsAll, Is.False);
            Assert.That(new ProbedValues([0, 1], []).Describe(), Is.EqualTo("none"));
        });
    }
}
