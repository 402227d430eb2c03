using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Target;

/// <summary>
/// What the campaign tells the target through its environment (afl-fuzz starts the target with a fixed
/// command line, so the environment is the channel). Names are part of the campaign's contract.
/// </summary>
public sealed record TargetSettings(string SpecPath, TransportKind Transport, string DextBinary, bool NativeCoverage, TimeSpan CallTimeout,
    string? StatusFile, string? KnownFolder = null, string Instance = "main")
{
    public const string SpecVariable = "CK_FUZZ_SPEC";
    public const string TransportVariable = "CK_FUZZ_TRANSPORT";
    public const string BinaryVariable = "CK_FUZZ_DEXT_BINARY";
    public const string NativeCoverageVariable = "CK_FUZZ_NATIVE_COVERAGE";
    public const string CallTimeoutVariable = "CK_FUZZ_CALL_TIMEOUT_MS";
    /// <summary>Where the target keeps its execution count for the campaign's live status (optional).</summary>
    public const string StatusFileVariable = "CK_FUZZ_STATUS_FILE";
    /// <summary>Where the target keeps the known findings it ran into: OUT/known (optional; without it they are not recorded).</summary>
    public const string KnownFolderVariable = "CK_FUZZ_KNOWN_DIR";
    /// <summary>The afl-fuzz instance the target runs under (main, sec1, ...), which names its tally of known findings.</summary>
    public const string InstanceVariable = "CK_FUZZ_INSTANCE";

    /// <exception cref="InvalidOperationException">a variable is missing or malformed (one line).</exception>
    public static TargetSettings FromEnvironment()
    {
        static string Required(string name) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"{name} is not set (the fuzz target is started by `conformancekit fuzz`)");
        // Only constants of the harness here: its code is instrumented and must not run before
        // Fuzzer.Run has made SharpFuzz's map (Program.cs).
        var transport = Required(TransportVariable) switch
        {
            TransportKinds.InProcessName => TransportKind.InProcess,
            TransportKinds.SocketName => TransportKind.Socket,
            var name => throw new InvalidOperationException(
                $"{TransportVariable}={name}: expected {TransportKinds.InProcessName} or {TransportKinds.SocketName}"),
        };
        var timeoutText = Environment.GetEnvironmentVariable(CallTimeoutVariable);
        var timeout = int.TryParse(timeoutText, out var ms) && ms > 0 ? ms : 2000;
        return new TargetSettings(Required(SpecVariable), transport, Required(BinaryVariable),
            Environment.GetEnvironmentVariable(NativeCoverageVariable) != "0", TimeSpan.FromMilliseconds(timeout),
            Environment.GetEnvironmentVariable(StatusFileVariable) is { Length: > 0 } status ? status : null,
            Environment.GetEnvironmentVariable(KnownFolderVariable) is { Length: > 0 } known ? known : null,
            Environment.GetEnvironmentVariable(InstanceVariable) is { Length: > 0 } instance ? instance : "main");
    }
}
