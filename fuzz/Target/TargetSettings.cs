namespace ConformanceKit.Fuzz.Target;

/// <summary>
/// What the campaign tells the target through its environment (afl-fuzz starts the target with a fixed
/// command line, so the environment is the channel). Names are part of the campaign's contract.
/// </summary>
public sealed record TargetSettings(string SpecPath, string Transport, string DextBinary, bool NativeCoverage, TimeSpan CallTimeout,
    string? StatusFile)
{
    public const string SpecVariable = "CK_FUZZ_SPEC";
    public const string TransportVariable = "CK_FUZZ_TRANSPORT";
    public const string BinaryVariable = "CK_FUZZ_DEXT_BINARY";
    public const string NativeCoverageVariable = "CK_FUZZ_NATIVE_COVERAGE";
    public const string CallTimeoutVariable = "CK_FUZZ_CALL_TIMEOUT_MS";
    /// <summary>Where the target keeps its execution count for the campaign's live status (optional).</summary>
    public const string StatusFileVariable = "CK_FUZZ_STATUS_FILE";

    /// <exception cref="InvalidOperationException">a variable is missing or malformed (one line).</exception>
    public static TargetSettings FromEnvironment()
    {
        static string Required(string name) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"{name} is not set (the fuzz target is started by `conformancekit fuzz`)");
        var transport = Required(TransportVariable);
        if (transport is not ("inproc" or "socket")) throw new InvalidOperationException($"{TransportVariable}={transport}: expected inproc or socket");
        var timeoutText = Environment.GetEnvironmentVariable(CallTimeoutVariable);
        var timeout = int.TryParse(timeoutText, out var ms) && ms > 0 ? ms : 2000;
        return new TargetSettings(Required(SpecVariable), transport, Required(BinaryVariable),
            Environment.GetEnvironmentVariable(NativeCoverageVariable) != "0", TimeSpan.FromMilliseconds(timeout),
            Environment.GetEnvironmentVariable(StatusFileVariable) is { Length: > 0 } status ? status : null);
    }
}
