using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Runner;
using ConformanceKit.Transports;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// Infers the accepted shape of a selector the dext answers in its own ExternalMethod (a `switch` that
/// checks sizes itself, or checks nothing), which no dispatch entry describes: calls it with boundary
/// counts and sizes and records which succeed (<see cref="ProbedSelector"/>). Inferred, not read: the
/// draft says so, and declares the selector `checked: false`.
/// </summary>
/// <remarks>
/// First a shape that succeeds is searched for: the empty call, then one dimension at a time over all of
/// its probed values, then two at a time over fewer values (a switch that wants two exact sizes), each
/// without and with a completion. From that shape each dimension is then probed alone over all of its
/// values. A dimension where every value succeeded is declared `variable` (the dext does not look at
/// it); otherwise the smallest value that succeeded (a `length &lt; sizeof(T)` check accepts sizeof(T)
/// and more, an equality check one value). The declared shape is called once more; when the
/// dimensions turn out to depend on each other and it fails, the found shape is declared as it is.
/// Each selector is probed from a freshly booted dext, so what one selector did to the dext's state
/// does not decide another's. A crash or hang is recorded by its kind (<see cref="CrashSignature"/>)
/// with the first shape that showed it, and probing goes on (the transport restarts the dext) until
/// <see cref="MaxCrashes"/> or <see cref="MaxHangs"/>.
/// What it cannot find: a selector that succeeds only for three or more exact sizes at once, or for sizes
/// outside the probed ones (<see cref="Sizes"/>) in two dimensions at once.
/// </remarks>
public static class ShapeProber
{
    /// <summary>Crashes after which a selector's probing stops: each costs a restart of the dext.</summary>
    public const int MaxCrashes = 48;

    /// <summary>Hangs after which a selector's probing stops: each costs the call timeout.</summary>
    public const int MaxHangs = 2;

    /// <summary>Scalar counts: every count IOKit passes (IOConnectCallMethod refuses more than 16).</summary>
    public static readonly ImmutableArray<uint> Counts = [.. Enumerable.Range(0, IOKitLimits.MaxScalars + 1).Select(v => (uint)v)];

    /// <summary>
    /// Structure sizes: every size up to 256 bytes (where the structures of a user client's calls are), then
    /// the powers of two to 64 KiB with their neighbours, which holds the in-band limit (4096) and the first
    /// size passed as a memory descriptor (4097).
    /// </summary>
    public static readonly ImmutableArray<uint> Sizes =
    [
        .. Enumerable.Range(0, 257).Select(v => (uint)v),
        .. new uint[] { 511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097, 8191, 8192, 8193, 65535, 65536 },
    ];

    /// <summary>The values two dimensions are searched over together.</summary>
    static readonly ImmutableArray<uint> PairCounts = [.. Counts.Where(c => c != 0)];

    static readonly ImmutableArray<uint> PairSizes = [1, 2, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 128, 256, 512, 1024, 4096];

    static readonly ProbeDimension[] Dimensions = Enum.GetValues<ProbeDimension>();

    static ImmutableArray<uint> Values(ProbeDimension dimension) =>
        dimension is ProbeDimension.ScalarInput or ProbeDimension.ScalarOutput ? Counts : Sizes;

    static ImmutableArray<uint> PairValues(ProbeDimension dimension) =>
        dimension is ProbeDimension.ScalarInput or ProbeDimension.ScalarOutput ? PairCounts : PairSizes;

    public static ProbedSelector Probe(IDextTransport transport, DispatchSurvey survey, uint selector)
    {
        transport.Reset();
        var probe = new Probing(transport, survey.Service, survey.ConnectionType, survey.AccessIds, selector);
        try
        {
            ProbeShape? first = null;
            foreach (var candidate in BaseShapes())
            {
                if (probe.Stopped) break;
                if (probe.Succeeds(candidate)) { first = candidate; break; }
            }
            if (first is not { } found)
                return probe.Result(null, ImmutableDictionary<ProbeDimension, ProbedValues>.Empty, CompletionRule.Forbidden);

            var values = ImmutableDictionary.CreateBuilder<ProbeDimension, ProbedValues>();
            foreach (var dimension in Dimensions)
            {
                var probed = Values(dimension);
                var succeeded = probed.Where(v => v == found[dimension] || probe.Succeeds(found.With(dimension, v))).ToImmutableArray();
                values[dimension] = new ProbedValues(probed, succeeded);
            }
            var otherWay = probe.Succeeds(found with { Completion = !found.Completion });
            var completion = otherWay ? CompletionRule.Any : found.Completion ? CompletionRule.Required : CompletionRule.Forbidden;

            var shape = Dimensions.ToImmutableDictionary(d => d, d => values[d].AcceptsAll ? ShapeSize.Variable : new ShapeSize(values[d].Succeeded.Min()));
            var declared = new ProbeShape(shape[ProbeDimension.ScalarInput].Nominal, shape[ProbeDimension.StructInput].Nominal,
                shape[ProbeDimension.ScalarOutput].Nominal, shape[ProbeDimension.StructOutput].Nominal, found.Completion);
            if (!probe.Succeeds(declared))
                shape = Dimensions.ToImmutableDictionary(d => d, d => new ShapeSize(found[d]));
            return probe.Result(shape, values.ToImmutable(), completion);
        }
        finally
        {
            probe.Close();
        }
    }

    /// <summary>The shapes a first success is searched among, fewest and smallest non-zero dimensions first.</summary>
    static IEnumerable<ProbeShape> BaseShapes()
    {
        foreach (var completion in (bool[])[false, true])
        {
            var empty = ProbeShape.Empty with { Completion = completion };
            yield return empty;
            foreach (var dimension in Dimensions)
                foreach (var value in Values(dimension).Where(v => v != 0))
                    yield return empty.With(dimension, value);
        }
        foreach (var completion in (bool[])[false, true])
        {
            var empty = ProbeShape.Empty with { Completion = completion };
            for (var i = 0; i < Dimensions.Length; i++)
                for (var j = i + 1; j < Dimensions.Length; j++)
                    foreach (var first in PairValues(Dimensions[i]))
                        foreach (var second in PairValues(Dimensions[j]))
                            yield return empty.With(Dimensions[i], first).With(Dimensions[j], second);
        }
    }

    /// <summary>The calls of one selector's probing on one connection, reopened after a crash; results are remembered per shape.</summary>
    sealed class Probing(IDextTransport transport, string service, uint type, IReadOnlyList<string> accessIds, uint selector)
    {
        const ulong Refcon = 0x3003;

        readonly Dictionary<ProbeShape, bool> _seen = [];
        readonly HashSet<(ProbeDimension, uint)> _crashedAlone = [];
        readonly List<ProbeCrash> _crashes = [];
        readonly List<IOReturn> _refusals = [];
        ulong _connection;
        int _calls, _crashCount, _hangCount;

        public bool Stopped => _crashCount >= MaxCrashes || _hangCount >= MaxHangs;

        public bool Succeeds(ProbeShape shape)
        {
            if (_seen.TryGetValue(shape, out var known)) return known;
            if (Stopped || CrashedAlone(shape)) return false;
            bool succeeded = false, crashed = true;
            try
            {
                if (_connection == 0) Reopen();
                _calls++;
                var result = Call(shape);
                succeeded = result.IsSuccess;
                crashed = false;
                if (!succeeded && !_refusals.Contains(result)) _refusals.Add(result);
            }
            catch (DextCrashedException crash)
            {
                _connection = 0;
                _crashCount++;
                Record(shape, CrashSignature.Kind(crash));
            }
            catch (DextHungException hang)
            {
                _connection = 0;
                _hangCount++;
                Record(shape, CrashSignature.Kind(hang));
            }
            if (crashed && NonZero(shape) is [var alone]) _crashedAlone.Add((alone, shape[alone]));
            _seen[shape] = succeeded;
            return succeeded;
        }

        /// <summary>
        /// A value that crashed the dext when it was the call's only non-zero count or size (a handler that reads
        /// 16 bytes of any input crashes on 1 to 15 bytes) is taken to crash it in every shape: not called again,
        /// so the probing spends its calls on shapes that can succeed instead of on restarts.
        /// </summary>
        bool CrashedAlone(ProbeShape shape) => Dimensions.Any(d => shape[d] != 0 && _crashedAlone.Contains((d, shape[d])));

        static ProbeDimension[] NonZero(ProbeShape shape) => [.. Dimensions.Where(d => shape[d] != 0)];

        IOReturn Call(ProbeShape shape) =>
            transport.Call(_connection, selector, shape.Completion ? SurveyReference.With(Refcon) : [], new ulong[shape.ScalarInput], new byte[shape.StructInput],
                new ulong[shape.ScalarOutput], new byte[shape.StructOutput]).Return;

        void Record(ProbeShape shape, string kind)
        {
            var index = _crashes.FindIndex(c => c.Kind == kind);
            if (index < 0) _crashes.Add(new ProbeCrash(shape, kind, 1));
            else _crashes[index] = _crashes[index] with { Shapes = _crashes[index].Shapes + 1 };
        }

        void Reopen()
        {
            var open = transport.Open(service, type, accessIds, out _connection);
            if (!open.IsSuccess) throw new SurveyException($"reopening {service} to probe selector {selector} failed with {open.Name ?? open.ToString()}: {transport.LastError()}");
        }

        public ProbedSelector Result(ImmutableDictionary<ProbeDimension, ShapeSize>? shape, ImmutableDictionary<ProbeDimension, ProbedValues> values, CompletionRule completion) =>
            new(selector, shape, values, completion, [.. _crashes], _calls, Stopped) { Refusals = [.. _refusals] };

        public void Close()
        {
            if (_connection != 0) DispatchSurveyor.CloseQuietly(transport, _connection);
            _connection = 0;
        }
    }
}
