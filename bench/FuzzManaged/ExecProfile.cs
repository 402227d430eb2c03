using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// What one execution asks of the transport, on average over a set of inputs: operations per kind
/// (Reset, Open, Call, TakeCompletions, Wait, Close, LiveObjects, ...), counted through the transport
/// interface while the fuzzer's runner runs each input — a count from a real run, not from reading
/// the runner — with the time spent in each kind (an operation that threw is counted, not timed), the
/// whole time per execution, and on the socket transport the round trips to dexthost.
/// </summary>
public sealed record ExecProfile(int Inputs, double Steps, IReadOnlyDictionary<string, double> OperationsPerExec,
    IReadOnlyDictionary<string, double> MicrosecondsByOperation, double MicrosecondsPerExec, double? ExchangesPerExec)
{
    public static ExecProfile Measure(DispatchSpec spec, IDextTransport transport, IReadOnlyList<byte[]> inputs)
    {
        using var counting = new CountingTransport(transport);
        var runner = new ProgramRunner(spec, counting, RunnerOptions.Fuzzing);
        var decoder = new ProgramDecoder(spec);
        var socket = transport as Transports.Socket.SocketTransport;
        var exchangesBefore = socket?.Exchanges ?? 0;
        long steps = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var input in inputs)
        {
            var program = decoder.Decode(input);
            steps += program.Steps.Count;
            runner.Run(program);
        }
        var elapsed = clock.Elapsed;
        var count = Math.Max(1, inputs.Count);
        return new ExecProfile(inputs.Count, (double)steps / count,
            counting.Counts.ToDictionary(c => c.Key, c => (double)c.Value / count, StringComparer.Ordinal),
            counting.Ticks.ToDictionary(t => t.Key, t => TimeSpan.FromTicks(t.Value * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency).TotalMicroseconds / count,
                StringComparer.Ordinal),
            elapsed.TotalMicroseconds / count,
            socket is null ? null : (double)(socket.Exchanges - exchangesBefore) / count);
    }

    /// <summary>The files of AFL++ queue or crash folders (README.txt and dot-files are not inputs).</summary>
    public static IReadOnlyList<byte[]> ReadInputs(IEnumerable<string> folders) =>
        folders.Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            .Where(path => Path.GetFileName(path) is var name && name != "README.txt" && !name.StartsWith('.'))
            .Select(File.ReadAllBytes)
            .ToArray();
}
