using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Draft;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Engine;

/// <summary>
/// Rule spec.dispatch, judged once before check's programs run: the dext is surveyed
/// (<see cref="DispatchSurveyor"/>) and every difference <see cref="SpecDrift"/> finds between its
/// dispatch entries and the spec is a finding — a spec that calls a selector checked while its entry
/// checks nothing is what this rule exists to catch. Selectors the dext answers in its own code, or that
/// crash when called without arguments, are left to selector.range and memory.safety, which judge them
/// with programs and reproducers.
/// </summary>
public static class SpecDispatchCheck
{
    static readonly HashSet<string> LeftToOtherRules = ["undeclared-answer", "undeclared-crash"];

    public static IReadOnlyList<Finding> Run(DispatchSpec spec, IDextTransport transport)
    {
        DispatchSurvey survey;
        try
        {
            survey = DispatchSurveyor.Survey(transport, [spec.Service], spec.BundleIdentifier, spec.ConnectionType);
        }
        catch (Exception e) when (e is SurveyException or DextCrashedException or DextHungException)
        {
            // No service, no open, or a dext that dies at reset or open: the programs' rules report that, with reproducers.
            return [];
        }
        // A drifted spec is shown by opening the user client and reading its entries: the program is that open.
        var program = new Program([new OpenStep(0, ClientAccess.AsEntitled)]);
        return SpecDrift.Compare(spec, survey)
            .Where(d => !LeftToOtherRules.Contains(d.Kind))
            .Select(d => new Finding(spec.Dext, new Violation(Rules.SpecDispatch, 0, d.Selector, d.Kind, $"{d.Field} {d.InSpec} (the spec)", d.InDext), program,
                "", null))
            .ToArray();
    }
}
