using ConformanceKit.Properties.Catalog;
using ConformanceKit.Properties.Engine;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// One benchmark operation: the property checker — the code `conformancekit check` runs — over every
/// property of the spec's catalog on a fixed seed, with <see cref="CaseBudget.Cases"/> random cases in
/// all. The boundary sweeps are left out: their length depends on the spec, and a fixed case count
/// is what makes the measured time a time per case. The seeds are fixed, so every operation runs the
/// very same programs.
/// </summary>
public sealed class SuiteWorkload
{
    const int Seed = 1;

    readonly PropertyChecker _checker;
    readonly IReadOnlyList<(RuleProperty Property, CheckOptions Options)> _plan;

    public SuiteWorkload(DispatchSpec spec, IDextTransport transport, bool stepByStep)
    {
        // The options ConformanceCheck uses: judge every step, record nothing a passing case does not need.
        var runner = new ProgramRunner(spec, transport, new RunnerOptions(StopAtFirstViolation: false, RecordObservations: false, StepByStep: stepByStep));
        _checker = new PropertyChecker(runner, spec.Dext);
        var properties = RuleCatalog.For(spec, TransportAbilities.Of(transport))
            .Select(target => target.Property)
            .OfType<RuleProperty>()
            .Select(property => property with { Sweep = [] })
            .ToArray();
        _plan = CaseBudget.Split(properties).Select(p => (p.Property, new CheckOptions(Seed, p.Cases))).ToArray();
    }

    /// <summary>Runs the cases; returns how many programs ran and the findings (none, for a dext that holds every rule).</summary>
    public (int Programs, IReadOnlyList<Finding> Findings) Run()
    {
        var programs = 0;
        var findings = new List<Finding>();
        foreach (var (property, options) in _plan)
        {
            var outcome = _checker.Check(property, options);
            programs += outcome.ProgramsRun;
            findings.AddRange(outcome.Findings);
        }
        return (programs, findings);
    }

    /// <summary>
    /// Runs once and insists that exactly <see cref="CaseBudget.Cases"/> programs ran and nothing failed:
    /// a finding would add shrinking runs and make the per-case time meaningless.
    /// </summary>
    public void RunAndVerify()
    {
        var (programs, findings) = Run();
        if (findings.Count > 0)
            throw new InvalidOperationException($"the benchmark dext broke a rule, so cases would include shrinking: {findings[0].Title()}");
        if (programs != CaseBudget.Cases)
            throw new InvalidOperationException($"one operation ran {programs} programs, not the {CaseBudget.Cases} OperationsPerInvoke assumes");
    }
}
