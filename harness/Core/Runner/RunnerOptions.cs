namespace ConformanceKit.Runner;

/// <summary>How a program is run.</summary>
/// <param name="StopAtFirstViolation">Stop as soon as a rule breaks (the fuzzer only needs to know that one did).</param>
/// <param name="RecordObservations">Keep a line per step of what came back (replay, reports); off in the fuzz loop.</param>
/// <param name="RecordPeeks">Make each peek step's load and keep what it read (<see cref="RunResult.PeekLog"/>, shown in reproducers); off in the fuzz loop.</param>
/// <param name="StepByStep">Make each step's operations live even where the transport can run the whole program in one exchange (<see cref="Transports.IProgramExecutor"/>): what the parity tests compare that with.</param>
public sealed record RunnerOptions(bool StopAtFirstViolation = false, bool RecordObservations = true, bool RecordPeeks = true, bool StepByStep = false)
{
    public static readonly RunnerOptions Default = new();
    public static readonly RunnerOptions Fuzzing = new(StopAtFirstViolation: true, RecordObservations: false, RecordPeeks: false);
}
