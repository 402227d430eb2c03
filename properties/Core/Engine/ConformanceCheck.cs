using System.Diagnostics;
using ConformanceKit.Properties.Catalog;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Engine;

/// <summary>Runs the whole conformance suite of a spec against a dext behind a transport.</summary>
public static class ConformanceCheck
{
    public static CheckReport Run(DispatchSpec spec, IDextTransport transport, string variant, CheckOptions options,
        Action<RuleTarget, PropertyOutcome?>? progress = null, Func<RuleTarget, bool>? include = null)
    {
        var clock = Stopwatch.StartNew();
        var runner = new ProgramRunner(spec, transport, new RunnerOptions(StopAtFirstViolation: false, RecordObservations: false));
        var checker = new PropertyChecker(runner, spec.Dext);
        var rows = new List<RuleRow>();
        var findings = new FindingSet();
        foreach (var target in RuleCatalog.For(spec, transport.CanObserveInternals, transport.CanChooseClientEntitlements))
        {
            if (include is not null && !include(target)) continue;
            if (target.Property is null)
            {
                rows.Add(new RuleRow(target, RuleStatus.NotApplicable, null));
                progress?.Invoke(target, null);
                continue;
            }
            var outcome = checker.Check(target.Property, options);
            foreach (var finding in outcome.Findings) findings.Add(finding);
            rows.Add(new RuleRow(target, outcome.Held ? RuleStatus.Held : RuleStatus.Failed, outcome));
            progress?.Invoke(target, outcome);
        }
        return new CheckReport(spec.Dext, transport.Kind, variant, options, rows, findings.All, clock.Elapsed);
    }
}
