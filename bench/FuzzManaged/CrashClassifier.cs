using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// The finding signatures an AFL++ crash input shows, classified as the campaign's triage does
/// (decode, run on the ASan build in dexthost, Finding.Signature) but without minimizing or writing
/// anything: used to date the fuzzer's own first crash for each signature from AFL's file names.
/// </summary>
public static class CrashClassifier
{
    public static IReadOnlyList<string> Signatures(DispatchSpec spec, IDextTransport asanHost, byte[] input)
    {
        var runner = new ProgramRunner(spec, asanHost, RunnerOptions.Default);
        var result = runner.Run(new ProgramDecoder(spec).Decode(input));
        return Finding.From(spec.Dext, result).Select(f => f.Signature).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>AFL++ names a crash "id:N,sig:S,src:...,time:MS,..."; MS counts from afl-fuzz's start.</summary>
    public static long? AflTimeMs(string fileName)
    {
        foreach (var field in fileName.Split(','))
            if (field.StartsWith("time:", StringComparison.Ordinal) && long.TryParse(field.AsSpan(5), out var ms)) return ms;
        return null;
    }
}
