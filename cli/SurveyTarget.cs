using System.CommandLine;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Draft;
using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Cli;

/// <summary>
/// What `spec init` and `spec diff` need of a dext: the folder built as check builds it (from its spec when
/// there is one, else with the defaults) on a simulator transport, and the survey of its user client
/// (<see cref="DispatchSurveyor"/>).
/// </summary>
public static class SurveyTarget
{
    /// <summary>Builds the dext and surveys it. The service is --service, else the spec's, else the first of Info.plist's names a service is registered under.</summary>
    /// <exception cref="SurveyException">no service matched, no client could open it.</exception>
    public static DispatchSurvey Survey(TargetOptions options, ParseResult parse, DextTarget target, DispatchSpec? spec) =>
        Survey(options, parse, target, spec, observeAsync: false).Dispatch;

    /// <summary>
    /// As <see cref="Survey(TargetOptions, ParseResult, DextTarget, DispatchSpec?)"/>, and when asked (`spec init`,
    /// `spec diff`) the async protocol; for `spec init` also the shapes of the selectors the dext answers without
    /// a dispatch entry (<see cref="ShapeProber"/>), what the others answer (<see cref="AnswerSurveyor"/>) and
    /// whether the dext runs on a simulated device.
    /// </summary>
    public static (DispatchSurvey Dispatch, DraftObservations Observed) Survey(
        TargetOptions options, ParseResult parse, DextTarget target, DispatchSpec? spec, bool observeAsync, bool probe = false)
    {
        var kind = TransportKinds.Parse(parse.GetValue(options.Transport)!);
        if (kind == TransportKind.IOKit)
            throw new UsageException("--transport iokit: a dext's dispatch entries are seen only in the simulator; use socket or inproc");
        var variantName = parse.GetValue(options.Variant) ?? (kind == TransportKind.Socket ? "asan" : "release");
        var plan = target.Plan();
        var names = parse.GetValue(options.Service) is { } service ? [service]
            : spec is not null ? [spec.Service]
            : ServiceNames.Candidates(plan.InfoPlist, target.Name);
        using var transport = TransportFactory.Create(kind, target, DextVariants.Parse(variantName), spec,
            TimeSpan.FromMilliseconds(parse.GetValue(options.CallTimeoutMs)));
        var dispatch = DispatchSurveyor.Survey(transport, names, ServiceNames.BundleIdentifier(plan.InfoPlist), spec?.ConnectionType ?? 0);
        if (!observeAsync) return (dispatch, new DraftObservations());
        var async = AsyncSurveyor.Survey(transport, dispatch, out var crash);
        if (!probe) return (dispatch, new DraftObservations(async, crash));
        var probes = dispatch.Selectors.Where(s => s.AnsweredWithoutEntry || s.Crash is not null && !s.Entries.Any(e => e.HasEntry))
            .Select(s => ShapeProber.Probe(transport, dispatch, s.Selector)).ToArray();
        var onDevice = AnswerSurveyor.OnDevice(transport);
        var answers = AnswerSurveyor.Survey(transport, dispatch, async, onDevice);
        return (dispatch, new DraftObservations(async, crash, probes, answers, onDevice));
    }
}
