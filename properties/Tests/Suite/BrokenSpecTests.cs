using System.Globalization;
using System.Text.Json;
using ConformanceKit.Contracts.Check;
using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Properties.Engine;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Testing;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Properties.Tests.Suite;

/// <summary>
/// The suite must catch a spec that is wrong about its dext, and say so with a minimal program. The
/// hardened NullDriver holds every rule against its own spec (ExpectedFindingsTests); here its spec
/// is copied with one checked count off by one — CheckedScalar (selector 2) declared to take 15 input
/// scalars where the dext's dispatch entry takes 16 — and checked against the real dext.
///
/// Exactly two rules must break, both on selector 2:
/// <list type="bullet">
/// <item>dispatch.accept: 15 scalars is now the declared shape, so the oracle expects success; the dext
///   refuses it with kIOReturnBadArgument.</item>
/// <item>dispatch.shape (kind scalarInput, the first check ExternalMethod makes): 16 scalars is now
///   malformed, so the oracle expects kIOReturnBadArgument; the dext accepts it. Every other malformed
///   count (0, 1, 14, 17) is refused by the spec and the dext alike.</item>
/// </list>
/// `check` also runs rule spec.dispatch, which reads the dext's entry and names the drift itself
/// (spec.dispatch|2|scalarInput), filed under its dext-wide row.
/// Nothing else may break. memory.safety/2 judges only unchecked selectors' shapes and crashes; the
/// protocol, access and selector-range properties do issue selector-2 calls that now violate
/// dispatch.accept, but a property counts only its own rule, and the runner applies a call's effects
/// from the observed return, so a wrong expectation does not cascade into, say, a missing completion.
/// A finding anywhere else would mean the oracle blames the wrong rule for a spec error.
/// </summary>
[TestFixture]
[NonParallelizable]
public class BrokenSpecTests
{
    /// <summary>CheckedScalar: a checked entry taking exactly 16 scalars in and returning 16.</summary>
    const uint Selector = 2;

    static string HardenedDext => Path.Combine(RepositoryLayout.Root, "dext", "NullDriverHardened");

    ScratchFolder _scratch = null!;
    string _brokenSpecPath = null!;
    uint _declaredScalars;
    uint _declaredScalarOutput;

    uint BrokenScalars => _declaredScalars - 1;

    [OneTimeSetUp]
    public void WriteBrokenSpec()
    {
        var original = Path.Combine(HardenedDext, "spec.yaml");
        var entry = SpecLoader.LoadFile(original).Find(Selector) ?? throw new InvalidOperationException($"the hardened spec has no selector {Selector}");
        if (!entry.Checked || entry.Shape.ScalarInput.IsVariable || entry.Shape.ScalarInput.Value == 0)
            throw new InvalidOperationException($"selector {Selector} must be a checked entry with a fixed, non-zero scalar input count for this test; it is {entry.Shape}");
        _declaredScalars = entry.Shape.ScalarInput.Value;
        _declaredScalarOutput = entry.Shape.ScalarOutput.Value;

        _scratch = new ScratchFolder("ck-broken-spec-");
        _brokenSpecPath = _scratch.File("spec.yaml");
        File.WriteAllText(_brokenSpecPath, SpecEdit.ChangeCount(File.ReadAllText(original), Selector, "scalarInput", _declaredScalars, BrokenScalars));
    }

    [OneTimeTearDown]
    public void RemoveBrokenSpec() => _scratch?.Dispose();

    [Test]
    public void TheCopyDiffersFromTheRealSpecInExactlyTheOneCount()
    {
        var real = SpecLoader.LoadFile(Path.Combine(HardenedDext, "spec.yaml"));
        var broken = SpecLoader.LoadFile(_brokenSpecPath);
        var expected = real.Selectors.Select(s => s.Selector == Selector
            ? s with { Shape = s.Shape with { ScalarInput = new ShapeSize(BrokenScalars) } }
            : s);
        Assert.That(broken.Selectors, Is.EqualTo(expected).Using<SelectorSpec>((a, b) => a.Selector == b.Selector && a.Shape == b.Shape && a.Checked == b.Checked));
    }

    [Test]
    public void EngineReportsExactlyTheBrokenRulesWithMinimalPrograms()
    {
        var session = SuiteSessions.For(HardenedDext);
        var broken = SpecLoader.LoadFile(_brokenSpecPath);
        var report = ConformanceCheck.Run(broken, session.Transport, session.Variant, new CheckOptions(SuiteSettings.Seed, SuiteSettings.Cases));
        foreach (var finding in report.Findings) TestContext.Out.WriteLine(finding.Reproducer(broken.SelectorName));

        var failedRows = report.Rows.Where(r => r.Status == RuleStatus.Failed).Select(r => $"{r.Rule}@{r.Selector}").Order(StringComparer.Ordinal).ToArray();
        Assert.That(failedRows, Is.EqualTo(new[] { $"{Rules.DispatchAccept}@{Selector}", $"{Rules.DispatchShape}@{Selector}", $"{Rules.SpecDispatch}@" }));
        Assert.That(report.Findings.Select(f => f.Signature).Order(StringComparer.Ordinal).ToArray(),
            Is.EqualTo(new[] { AcceptSignature, ShapeSignature, SpecSignature }));

        var accept = report.Findings.Single(f => f.Rule == Rules.DispatchAccept);
        Assert.That(accept.Program, Is.EqualTo(MinimalProgram(BrokenScalars)), "the accept finding's reproducer is not the single 15-scalar call");
        Assert.That(accept.Violation.StepIndex, Is.EqualTo(1), "the violation is not at the call");
        Assert.That(accept.Violation.Observed, Is.EqualTo(IOReturn.BadArgument.ToString()));

        var shape = report.Findings.Single(f => f.Rule == Rules.DispatchShape);
        Assert.That(shape.Program, Is.EqualTo(MinimalProgram(_declaredScalars)), "the shape finding's reproducer is not the single 16-scalar call");
        Assert.That(shape.Violation.StepIndex, Is.EqualTo(1), "the violation is not at the call");
        Assert.That(shape.Violation.Observed, Is.EqualTo(IOReturn.Success.ToString()));
    }

    [Test]
    public void CliExitsWithFindingsAndListsThemWithReproducers()
    {
        var json = _scratch.File("broken-check.json");
        var result = CliProcess.Run(CheckArguments(_brokenSpecPath, json));
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), () => $"expected exit 1 (findings):\n{result}");

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.That(root.GetProperty("allHeld").GetBoolean(), Is.False);
        var findings = root.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("signature").GetString()!);
        Assert.That(findings.Keys.Order(StringComparer.Ordinal).ToArray(), Is.EqualTo(new[] { AcceptSignature, ShapeSignature, SpecSignature }));
        Assert.That(findings[SpecSignature].GetProperty("observed").GetString(), Is.EqualTo("16 in its dispatch entry"));
        foreach (var (signature, scalars) in new[] { (AcceptSignature, BrokenScalars), (ShapeSignature, _declaredScalars) })
        {
            var finding = findings[signature];
            Assert.That(finding.GetProperty("selector").GetUInt32(), Is.EqualTo(Selector));
            Assert.That(finding.GetProperty("known").GetBoolean(), Is.False);
            var reproducer = ProgramText.Parse(finding.GetProperty("reproducer").GetString()!);
            Assert.That(reproducer, Is.EqualTo(MinimalProgram(scalars)), $"{signature}: the JSON's reproducer is not the minimal program");
        }
    }

    [Test]
    public void CliExitsCleanWithTheRealSpec()
    {
        var json = _scratch.File("real-check.json");
        var result = CliProcess.Run(CheckArguments(Path.Combine(HardenedDext, "spec.yaml"), json));
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(0), () => $"expected exit 0 (every rule holds):\n{result}");
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(document.RootElement.GetProperty("allHeld").GetBoolean(), Is.True);
        Assert.That(document.RootElement.GetProperty("findings").GetArrayLength(), Is.Zero);
    }

    static string AcceptSignature => $"{Rules.DispatchAccept}|{Selector}|accept";

    static string ShapeSignature => $"{Rules.DispatchShape}|{Selector}|scalarInput";

    /// <summary>The drift rule spec.dispatch names: the spec's scalarInput against the entry's.</summary>
    static string SpecSignature => $"{Rules.SpecDispatch}|{Selector}|scalarInput";

    /// <summary>
    /// What shrinking must reach: one open, one plain call of the selector with the offending number of
    /// zero scalars and room for its declared outputs — every other dimension is already well shaped,
    /// so nothing else can be dropped or made plainer without the program passing.
    /// </summary>
    Program MinimalProgram(uint scalars) => new(
    [
        new OpenStep(0, ClientAccess.AsEntitled),
        new CallStep(0, Selector, new ulong[scalars], EquatableArray<byte>.Empty, _declaredScalarOutput, 0, null),
    ]);

    /// <summary>The suite's own target, seed and case count, so the CLI run checks what the engine run checks.</summary>
    static string[] CheckArguments(string spec, string json) =>
    [
        "check", "--dext", HardenedDext, "--spec", spec, "--json", json,
        "--transport", SuiteSettings.Transport, "--variant", SuiteSettings.Variant,
        "--seed", SuiteSettings.Seed.ToString(CultureInfo.InvariantCulture),
        "--cases", SuiteSettings.Cases.ToString(CultureInfo.InvariantCulture),
    ];
}
