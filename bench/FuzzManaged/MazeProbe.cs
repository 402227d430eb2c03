using ConformanceKit.IOKit;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// How deep into dext/tests/dexts/MazeDriver's maze a set of inputs got: each input runs on the dext
/// and the stage lines its user client logs ("maze: stage N", "maze: through") are read from every
/// connection just before it closes. The deepest stage of a campaign's queue says how far the
/// fuzzer climbed even when it did not get through.
/// </summary>
public static class MazeProbe
{
    /// <summary>Calls in MazeUserClient's secret sequence; "through" counts as this stage.</summary>
    public const int Length = 5;

    public static int DeepestStage(DispatchSpec spec, IDextTransport transport, IReadOnlyList<byte[]> inputs)
    {
        using var logs = new LogReadingTransport(transport);
        var runner = new ProgramRunner(spec, logs, RunnerOptions.Default);
        var decoder = new ProgramDecoder(spec);
        var deepest = 0;
        foreach (var input in inputs)
        {
            runner.Run(decoder.Decode(input));
            deepest = Math.Max(deepest, logs.TakeDeepestStage());
        }
        return deepest;
    }

    static int StageOf(string log)
    {
        var deepest = 0;
        foreach (var line in log.Split('\n'))
        {
            if (line.Contains("maze: through", StringComparison.Ordinal)) return Length;
            var at = line.IndexOf("maze: stage ", StringComparison.Ordinal);
            if (at >= 0 && int.TryParse(line.AsSpan(at + "maze: stage ".Length).Trim(), out var stage)) deepest = Math.Max(deepest, stage);
        }
        return deepest;
    }

    /// <summary>Passes everything through; reads a connection's log before closing it, while it still exists.</summary>
    sealed class LogReadingTransport(IDextTransport inner) : TransportDecorator(inner)
    {
        int _deepest;

        public int TakeDeepestStage()
        {
            var deepest = _deepest;
            _deepest = 0;
            return deepest;
        }

        public override IOReturn Close(ulong connection)
        {
            _deepest = Math.Max(_deepest, StageOf(ReadLog(connection)));
            return base.Close(connection);
        }
    }
}
