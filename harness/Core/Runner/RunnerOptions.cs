namespace ConformanceKit.Runner;

/// <summary>How a program is run.</summary>
/// <param name="StopAtFirstViolation">Stop as soon as a rule breaks (the fuzzer only needs to know that one did).</param>
/// <param name="RecordObservations">Keep a line per step of what came back (replay, reports); off in the fuzz loop.</param>
/// <param name="RecordPeeks">Make each peek step's load and keep what it read (<see cref="RunResult.PeekLog"/>, shown in reproducers); off in the fuzz loop.</param>
public sealed record RunnerOptions(bool StopAtFirstViolation = false, bool RecordObservations = true, bool RecordPeeks = true)
{
    public static readonly RunnerOptions Default = new();
    public static readonly RunnerOptions Fuzzing = new(StopAtFirstViolation: true, RecordObservations: false, RecordPeeks: false);
}
