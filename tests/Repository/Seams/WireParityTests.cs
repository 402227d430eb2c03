using System.Text.RegularExpressions;

namespace ConformanceKit.Repository.Tests.Seams;

/// <summary>
/// dexthost's wire protocol and the dksim C ABI are each written twice: in C/C++ for the host and the
/// runtime, in C# for the harness (and a few op numbers once more in C for the socket benchmark). A
/// number changed on one side only would make the harness ask for one thing and the host do another,
/// with no compiler to notice. These tests read both sides' sources and hold them equal.
/// </summary>
public class WireParityTests
{
    const string Ops = "dext/host/src/Ops.h";
    const string HostOp = "harness/Core/Transports/Socket/HostOp.cs";
    const string HostProtocol = "harness/Core/Transports/Socket/HostProtocol.cs";
    const string Protocol = "dext/host/PROTOCOL.md";
    const string Limits = "dext/host/src/Limits.h";
    const string HostLimits = "harness/Core/Transports/Socket/HostLimits.cs";
    const string Dksim = "dext/include/dksim.h";
    const string DksimLibrary = "harness/Core/Transports/InProcess/DksimLibrary.cs";
    const string BenchWire = "dext/bench/Wire.h";
    const string IOKitLimits = "harness/Core/IOKit/IOKitLimits.cs";
    const string ProgramFormat = "dext/host/src/ProgramFormat.h";
    const string ProgramRequest = "harness/Core/Transports/Socket/ProgramRequest.cs";
    const string ProgramExecution = "harness/Core/Transports/ProgramExecution.cs";

    [Test]
    public void TheHarnessNumbersEveryOpAsTheHostDoes() =>
        Assert.That(SourceText.EnumMembers(HostOp, "HostOp"), Is.EquivalentTo(SourceText.EnumMembers(Ops, "Op")));

    [Test]
    public void ProtocolMdDocumentsEveryOpUnderItsNumber()
    {
        var documented = Regex.Matches(SourceText.Read(Protocol), @"^\| (\d+) \| (\w+) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[2].Value, m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(documented, Is.EquivalentTo(SourceText.EnumMembers(Ops, "Op")));
    }

    [Test]
    public void ProtocolMdStatesTheHostsProtocolVersion()
    {
        var version = SourceText.Constant(Ops, "kProtocolVersion");
        var text = SourceText.Read(Protocol);
        Assert.That(text, Does.StartWith($"# dexthost wire protocol (version {version})"));
        Assert.That(text, Does.Contain($"dexthost protocol {version},"), "the --version line it shows");
    }

    [Test]
    public void TheHarnessReadsTheForkServersEndLineAsItIsWritten()
    {
        static string Quoted(string path, string pattern) =>
            Regex.Match(SourceText.Read(path), pattern) is { Success: true } match ? match.Groups[1].Value : $"(no match in {path})";
        var host = Quoted("dext/host/src/ForkServer.h", @"kSessionEndPrefix = ""([^""]*)""");
        Assert.That(Quoted("harness/Core/Transports/Socket/SessionEnd.cs", @"Prefix = ""([^""]*)"""), Is.EqualTo(host));
        Assert.That(SourceText.Read(Protocol), Does.Contain($"`{host}PID ended: exit status N`"), "PROTOCOL.md shows the line");
        Assert.That(SourceText.Read("dext/host/src/ForkServer.cpp"), Does.Contain("\" ended: \"").And.Contain("\"exit status \"").And.Contain("\"signal \""));
    }

    [Test]
    public void TheHarnessSpeaksTheHostsProtocol() =>
        Assert.That(SourceText.Constant(HostProtocol, "Version"), Is.EqualTo(SourceText.Constant(Ops, "kProtocolVersion")));

    [Test]
    public void TheBenchmarksOpNumbersAreTheHosts()
    {
        var ops = SourceText.EnumMembers(Ops, "Op");
        foreach (var (define, op) in new[] { ("WIRE_OP_RESET", "Reset"), ("WIRE_OP_OPEN", "Open"), ("WIRE_OP_CALL_METHOD", "CallMethod") })
            Assert.That(SourceText.Constant(BenchWire, define), Is.EqualTo(ops[op]), define);
    }

    [TestCase("kMaxStructBytes", "MaxStructBytes")]
    [TestCase("kMaxScalars", "MaxScalars")]
    [TestCase("kMaxString", "MaxStringBytes")]
    [TestCase("kMaxAccessIds", "MaxAccessIds")]
    [TestCase("kMaxViolations", "MaxViolations")]
    [TestCase("kMaxDispatchEntries", "MaxDispatchEntries")]
    public void TheHarnessRefusesWhatTheHostWouldDrop(string host, string harness) =>
        Assert.That(SourceText.Constant(HostLimits, harness), Is.EqualTo(SourceText.Constant(Limits, host)));

    [Test]
    public void RunProgramsStepsAreNumberedAlike() =>
        Assert.That(SourceText.EnumMembers(ProgramRequest, "ProgramStep"), Is.EquivalentTo(SourceText.EnumMembers(ProgramFormat, "ProgramStep")));

    [TestCase("kProgramLiveObjects", "LiveObjects")]
    [TestCase("kProgramHid", "Hid")]
    [TestCase("kProgramDevice", "Device")]
    [TestCase("kProgramMemory", "Memory")]
    [TestCase("kProgramPeeks", "Peeks")]
    [TestCase("kProgramTearDown", "TearDown")]
    public void RunProgramsFlagsAreTheRunnersNeeds(string host, string harness) =>
        Assert.That(SourceText.EnumMembers(ProgramExecution, "ProgramNeeds")[harness], Is.EqualTo(SourceText.Constant(ProgramFormat, host)));

    [TestCase("kProgramIncomplete", "Incomplete")]
    [TestCase("kProgramComplete", "Complete")]
    [TestCase("kProgramCrashed", "Crashed")]
    public void RunProgramsOutcomesAreReadAsWritten(string host, string harness) =>
        Assert.That(SourceText.EnumMembers(ProgramRequest, "ProgramOutcome")[harness], Is.EqualTo(SourceText.Constant(ProgramFormat, host)));

    [Test]
    public void RunProgramTakesAsManyStepsSlotsAndMapsAsTheHarnessSends()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SourceText.Constant(ProgramRequest, "MaxSteps"), Is.EqualTo(SourceText.Constant(ProgramFormat, "kMaxProgramSteps")));
            Assert.That(SourceText.Constant("harness/Core/Programs/Step.cs", "MaxSlots"), Is.EqualTo(SourceText.Constant(ProgramFormat, "kProgramSlots")));
            Assert.That(SourceText.Constant("harness/Core/Programs/MemorySteps.cs", "MaxMaps"), Is.EqualTo(SourceText.Constant(ProgramFormat, "kProgramMaps")));
            Assert.That(SourceText.Constant(ProgramFormat, "kMaxProgramTrace"), Is.LessThan(SourceText.Constant(HostLimits, "MaxResponseFrame")),
                "the executor stops before its answer outgrows the largest response");
        });
    }

    [Test]
    public void TheHarnessReadsTheLargestResponseTheHostSends()
    {
        var frame = SourceText.Constant(HostLimits, "MaxResponseFrame");
        Assert.Multiple(() =>
        {
            Assert.That(frame, Is.GreaterThan(SourceText.Constant(Limits, "kMaxText")), "a text answer cut to kMaxText, plus its fields");
            Assert.That(frame, Is.GreaterThan(SourceText.Constant(Limits, "kMaxStructBytes")), "a struct output, plus its fields");
        });
    }

    [TestCase("DKSIM_MAX_SCALARS", "MaxScalars")]
    [TestCase("DKSIM_MAX_INBAND_STRUCT", "MaxInbandStruct")]
    [TestCase("DKSIM_MAX_COMPLETION_ARGS", "MaxCompletionArgs")]
    [TestCase("DKSIM_ASYNC_REF_COUNT", "AsyncReferenceCount")]
    public void TheRuntimeEnforcesTheLimitsTheHarnessJudgesBy(string runtime, string harness) =>
        Assert.That(SourceText.Constant(IOKitLimits, harness), Is.EqualTo(SourceText.Constant(Dksim, runtime)));

    [Test]
    public void TheHarnessExpectsTheRuntimesAbiVersion() =>
        Assert.That(SourceText.Constant(DksimLibrary, "ExpectedAbiVersion"), Is.EqualTo(SourceText.Constant(Dksim, "DKSIM_ABI_VERSION")));

    /// <summary>Every function the in-process transport binds is declared in dksim.h with as many parameters.</summary>
    [Test]
    public void EveryBoundFunctionIsDeclaredWithItsParameterCount()
    {
        var declared = DeclaredFunctions();
        var bound = Regex.Matches(SourceText.Read(DksimLibrary), @"\(delegate\* unmanaged<([^>]*)>\)Export\(""(dksim_\w+)""\)");
        Assert.That(bound, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (Match binding in bound)
            {
                var name = binding.Groups[2].Value;
                // The type arguments are the parameters, then the return type.
                var parameters = binding.Groups[1].Value.Split(',').Length - 1;
                Assert.That(declared.ContainsKey(name), $"{DksimLibrary} binds {name}, which {Dksim} does not declare");
                if (declared.TryGetValue(name, out var count)) Assert.That(parameters, Is.EqualTo(count), $"{name}: parameters");
            }
        });
    }

    /// <summary>Every op that names a dksim function in PROTOCOL.md names one dksim.h declares.</summary>
    [Test]
    public void EveryOpsFunctionExists()
    {
        var declared = DeclaredFunctions();
        var named = Regex.Matches(SourceText.Read(Protocol), @"^\| \d+ \| \w+ \| ([^|]*)\|", RegexOptions.Multiline)
            .SelectMany(m => Regex.Matches(m.Groups[1].Value, @"`(dksim_\w+)`").Select(f => f.Groups[1].Value)).ToArray();
        Assert.That(named, Is.Not.Empty);
        Assert.That(named.Where(f => !declared.ContainsKey(f)), Is.Empty, $"functions {Protocol} names that {Dksim} does not declare");
    }

    /// <summary>The functions dksim.h declares (DKSIM_API ... name(params);), with their parameter counts.</summary>
    static Dictionary<string, int> DeclaredFunctions()
    {
        var text = Regex.Replace(SourceText.Read(Dksim), @"/\*.*?\*/|//[^\n]*", " ", RegexOptions.Singleline);
        var functions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(text, @"DKSIM_API\s+[^;(]*?\b(dksim_\w+)\s*\(([^)]*)\)\s*;", RegexOptions.Singleline))
        {
            var parameters = m.Groups[2].Value.Trim();
            functions[m.Groups[1].Value] = parameters is "" or "void" ? 0 : parameters.Split(',').Length;
        }
        Assert.That(functions, Is.Not.Empty, $"{Dksim} declares no DKSIM_API function");
        return functions;
    }
}
