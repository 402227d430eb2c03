using ConformanceKit.IOKit;
using ConformanceKit.Spec;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Spec;

public class SpecLoaderTests
{
    const string Minimal = """
        specVersion: 1
        dext: Demo
        selectors:
          - selector: 0
            name: Ping
            scalarInput: 2
        """;

    static DispatchSpec Load(string yaml) => SpecLoader.Parse(yaml, "test.yaml");

    static SpecException Fails(string yaml) => Assert.Throws<SpecException>(() => Load(yaml))!;

    [Test]
    public void LoadsTheNullDriverSpec()
    {
        var spec = SpecLoader.LoadFile(RepoPaths.NullDriverSpec);
        Assert.Multiple(() =>
        {
            Assert.That(spec.Dext, Is.EqualTo("NullDriver"));
            Assert.That(spec.Selectors.Select(s => s.Selector), Is.EqualTo(new uint[] { 0, 1, 2, 3, 4, 5 }));
            Assert.That(spec.Selectors.Select(s => s.Checked), Is.EqualTo(new[] { false, false, true, true, true, true }));
            Assert.That(spec.Find(4)!.Role, Is.EqualTo(AsyncRole.RegisterCallback));
            Assert.That(spec.Find(5)!.Completion, Is.EqualTo(CompletionRule.Any));
            Assert.That(spec.Find(3)!.Shape.StructInput.Value, Is.EqualTo(16u));
            Assert.That(spec.Async!.DelayNs, Is.EqualTo(5_000_000_000UL));
            Assert.That(spec.OutOfRange, Is.EqualTo(new[] { IOReturn.Unsupported }));
            Assert.That(spec.SelectorLimit, Is.EqualTo(6u));
        });
    }

    [Test]
    public void DefaultsAreTheStrictOnes()
    {
        var entry = Load(Minimal).Selectors.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Checked, Is.True);
            Assert.That(entry.Completion, Is.EqualTo(CompletionRule.Forbidden));
            Assert.That(entry.Shape.ScalarInput.Value, Is.EqualTo(2u));
            Assert.That(entry.Shape.StructOutput.Value, Is.EqualTo(0u));
        });
    }

    [Test]
    public void VariableMeansTheCheckIsSkipped()
    {
        var spec = Load(Minimal.Replace("scalarInput: 2", "scalarInput: variable", StringComparison.Ordinal));
        Assert.That(spec.Selectors[0].Shape.ScalarInput.IsVariable, Is.True);
    }

    [Test]
    public void UnknownTopLevelKeyIsReportedWithItsLine()
    {
        var e = Fails(Minimal + "\nflavour: vanilla\n");
        Assert.That(e.Message, Does.StartWith("test.yaml:7: spec: unknown key 'flavour'"));
    }

    [Test]
    public void UnknownSelectorKeyIsReportedWithItsLine()
    {
        var e = Fails(Minimal + "\n    scalarInputs: 3\n");
        Assert.That(e.Message, Does.StartWith("test.yaml:7: selector: unknown key 'scalarInputs'"));
    }

    [Test]
    public void DuplicateSelectorNamesBothLines()
    {
        var e = Fails(Minimal + "\n  - selector: 0\n    name: Pong\n");
        Assert.That(e.Message, Is.EqualTo("test.yaml:7: selector 0 is declared twice (first at line 4)"));
    }

    [Test]
    public void DuplicateKeyIsAnError()
    {
        var e = Fails(Minimal + "\n    scalarInput: 3\n");
        Assert.That(e.Line, Is.EqualTo(7).Or.EqualTo(6));
        Assert.That(e.Message, Does.Contain("appears twice").Or.Contain("uplicate"));
    }

    [TestCase("scalarInput: 17", "IOKit carries at most 16 scalars")]
    [TestCase("scalarInput: -1", "must be a non-negative integer")]
    [TestCase("scalarInput: many", "must be a non-negative integer")]
    [TestCase("scalarInput: 4294967295", "is impossible")]
    public void ImpossibleSizesAreRefused(string line, string problem)
    {
        var e = Fails(Minimal.Replace("scalarInput: 2", line, StringComparison.Ordinal));
        Assert.That(e.Line, Is.EqualTo(6));
        Assert.That(e.Message, Does.Contain(problem));
    }

    [Test]
    public void StructSizeOfTheVariableMarkerMustBeWrittenAsVariable()
    {
        var e = Fails(Minimal.Replace("scalarInput: 2", "structInput: 0xffffffff", StringComparison.Ordinal));
        Assert.That(e.Message, Does.Contain("write 'variable'"));
    }

    [Test]
    public void AsyncRequestWithoutRegisterSelectorIsRefused()
    {
        var e = Fails(Minimal + "\n    async: request\n    completion: any\nasync:\n  delay: 1s\n");
        Assert.That(e.Message, Does.Contain("no selector has 'async: register'"));
    }

    [Test]
    public void CompletesWithoutAsyncSectionIsRefused()
    {
        var e = Fails(Minimal + "\n    async: register\n    completion: required\n    completes: true\n");
        Assert.That(e.Message, Does.Contain("no 'async:' section"));
    }

    [Test]
    public void AsyncSectionWithoutRegisterSelectorIsRefused()
    {
        var e = Fails(Minimal + "\nasync:\n  delay: 1s\n");
        Assert.That(e.Message, Does.Contain("needs a selector with 'async: register'"));
        Assert.That(e.Line, Is.EqualTo(7), "the async: line");
    }

    [Test]
    public void RegisterSelectorMustAcceptACompletion()
    {
        var e = Fails(Minimal + "\n    async: register\nasync:\n  delay: 1s\n");
        Assert.That(e.Message, Does.Contain("must accept a completion"));
    }

    [Test]
    public void TwoRegisterSelectorsAreRefused()
    {
        var e = Fails(Minimal + """

                async: register
                completion: required
              - selector: 1
                async: register
                completion: required
            async:
              delay: 1s
            """);
        Assert.That(e.Message, Does.Contain("both register the callback"));
    }

    [Test]
    public void BadExpressionPointsAtItsLineAndColumn()
    {
        var e = Fails(Minimal + "\n    result:\n      scalarOutput: [\"in.scalar[0] +\"]\n");
        Assert.That(e.Line, Is.EqualTo(8));
        Assert.That(e.Message, Does.Contain("expression ends too early"));
    }

    [Test]
    public void ResultWiderThanTheOutputIsRefused()
    {
        var e = Fails(Minimal + "\n    structOutput: 8\n    result:\n      structOutput: [\"1\", \"2\"]\n");
        Assert.That(e.Message, Does.Contain("more than the 8 bytes"));
    }

    [Test]
    public void UnknownReturnNameIsRefused()
    {
        var e = Fails(Minimal + "\noutOfRange: kIOReturnNope\n");
        Assert.That(e.Message, Does.Contain("'kIOReturnNope' is not an IOReturn"));
    }

    [Test]
    public void AKnownFindingWithoutItsKindIsRefused()
    {
        var e = Fails(Minimal + "\nknown:\n  - rule: memory.safety\n    selector: 0\n    why: reads past its input\n");
        Assert.That(e.Message, Does.StartWith("test.yaml:").And.Contain("kind is required"));
    }

    [Test]
    public void AKnownFindingCoversItsRuleSelectorAndKindsOnly()
    {
        var spec = Load(Minimal + "\nknown:\n  - rule: async.delivery\n    selector: 0\n    kind: [missing-completion, late]\n    why: re-arms its one timer\n");
        Assert.Multiple(() =>
        {
            Assert.That(spec.IsKnown("async.delivery", 0, "missing-completion"), Is.True);
            Assert.That(spec.IsKnown("async.delivery", 0, "late"), Is.True);
            Assert.That(spec.IsKnown("async.delivery", 0, "wrong-status"), Is.False, "another kind on the same selector is new");
            Assert.That(spec.IsKnown("async.delivery", 1, "late"), Is.False);
            Assert.That(spec.IsKnown("memory.safety", 0, "late"), Is.False);
        });
    }

    [TestCase("\"*\"")]
    [TestCase("\"**\"")]
    [TestCase("\"\"")]
    public void AKnownKindThatNamesNothingIsRefused(string kind)
    {
        var e = Fails(Minimal + $"\nknown:\n  - rule: memory.safety\n    kind: {kind}\n    why: x\n");
        Assert.That(e.Message, Does.Contain("each kind must name something"));
    }

    [TestCase("kIOReturnNotFound", 0xE00002F0u)]
    [TestCase("kIOReturnBusy", 0xE00002D5u)]
    [TestCase("kIOReturnNoResources", 0xE00002BEu)]
    public void AnyNameOfDriverKitsIOReturnHeaderIsAccepted(string name, uint value)
    {
        var spec = Load(Minimal + $"\noutOfRange: {name}\n");
        Assert.That(spec.OutOfRange, Is.EqualTo(new[] { new IOReturn(value) }));
        Assert.That(spec.OutOfRange[0].ToString(), Does.StartWith(name));
    }

    [Test]
    public void BadDurationIsRefused()
    {
        var e = Fails(Minimal + "\n    async: register\n    completion: required\nasync:\n  delay: soon\n");
        Assert.That(e.Message, Does.Contain("must be a duration"));
    }

    [Test]
    public void ExampleMustHaveTheSelectorsShape()
    {
        var e = Fails(Minimal + "\n    examples:\n      - scalarInput: [1]\n");
        Assert.That(e.Message, Does.Contain("do not have the selector's shape"));
        Assert.That(e.Line, Is.EqualTo(8));
    }

    [Test]
    public void MissingRequiredKeyIsNamed()
    {
        var e = Fails("specVersion: 1\nselectors: []\n");
        Assert.That(e.Message, Does.Contain("missing required key 'dext'"));
    }

    [Test]
    public void EmptyTableIsRefused()
    {
        var e = Fails("specVersion: 1\ndext: X\nselectors: []\n");
        Assert.That(e.Message, Does.Contain("the table is empty"));
    }

    [Test]
    public void UnsupportedVersionIsRefused()
    {
        var e = Fails(Minimal.Replace("specVersion: 1", "specVersion: 2", StringComparison.Ordinal));
        Assert.That(e.Message, Does.Contain("specVersion 2 is not supported"));
    }

    [Test]
    public void BrokenYamlIsReportedWithItsLine()
    {
        var e = Fails("specVersion: 1\ndext: [unclosed\n");
        Assert.That(e.Message, Does.StartWith("test.yaml:").And.Contain("not valid YAML"));
    }

    [Test]
    public void EntitledAccessNeedsABundleIdentifier()
    {
        var e = Fails(Minimal + "\naccess: entitled\n");
        Assert.That(e.Message, Does.Contain("needs bundleIdentifier"));
    }

    [Test]
    public void MissingFileIsASpecError()
    {
        var e = Assert.Throws<SpecException>(() => SpecLoader.LoadFile("/nonexistent/spec.yaml"))!;
        Assert.That(e.Message, Does.StartWith("/nonexistent/spec.yaml: cannot read spec"));
    }
}
