using ConformanceKit.Properties.Catalog;
using ConformanceKit.Properties.Engine;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;

namespace ConformanceKit.Properties.Tests.Suite;

/// <summary>
/// The conformance suite: one test per rule (per selector where it applies) per configured dext,
/// generated from each dext's spec. A test fails on any finding its spec does not list as known, and
/// also when a finding the spec lists as known for this rule and selector is not found — so the
/// sample's known-vulnerable paths prove the properties still have teeth.
/// </summary>
[TestFixture]
public class ConformanceSuiteTests
{
    public static IEnumerable<TestCaseData> Targets()
    {
        foreach (var directory in SuiteSettings.Dexts)
        {
            var target = DextTarget.Resolve(directory);
            var spec = target.LoadSpec();
            foreach (var rule in RuleCatalog.For(spec, TransportAbilities.All))
            {
                var selector = rule.Selector is { } s ? $"{s.Selector} {s.Name}" : null;
                var data = new TestCaseData(directory, rule.Rule, rule.Selector?.Selector)
                    .SetName($"{spec.Dext} · {rule.Rule}{(selector is null ? "" : " · " + selector)}")
                    .SetProperty("dext", spec.Dext)
                    .SetProperty("rule", rule.Rule)
                    .SetProperty("transport", SuiteSettings.Transport)
                    .SetProperty("variant", SuiteSettings.Variant)
                    .SetProperty("seed", SuiteSettings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .SetProperty("cases", SuiteSettings.Cases.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (selector is not null) data.SetProperty("selector", selector);
                yield return data;
            }
        }
    }

    [TestCaseSource(nameof(Targets))]
    public void RuleHolds(string dextDirectory, string rule, uint? selector)
    {
        var session = SuiteSessions.For(dextDirectory);
        var target = RuleCatalog.For(session.Spec, TransportAbilities.Of(session.Transport))
            .Single(t => t.Rule == rule && t.Selector?.Selector == selector);
        if (target is { Rule: Oracle.Rules.SpecDispatch, NotJudgedBecause: null })
        {
            // Judged once from the dispatch entries, as check does (no property, no programs).
            var drift = SpecDispatchCheck.Run(session.Spec, session.Transport).Where(f => !f.IsKnownIn(session.Spec)).ToArray();
            Assert.That(drift, Is.Empty, () => "the spec differs from the dext:\n" + string.Join("\n", drift.Select(f => f.Violation.ToString())));
            return;
        }
        if (target.Property is null)
        {
            Assert.Ignore(target.NotJudgedBecause is { } byDesign ? $"not judged on this transport: {byDesign}" : $"not applicable: {target.NotApplicableBecause}");
            return;
        }
        var runner = new Runner.ProgramRunner(session.Spec, session.Transport, new Runner.RunnerOptions(RecordObservations: false));
        var outcome = new PropertyChecker(runner, session.Spec.Dext).Check(target.Property, new CheckOptions(SuiteSettings.Seed, SuiteSettings.Cases), hangs: session.Hangs);
        foreach (var finding in outcome.Findings)
        {
            var reproducer = finding.Reproducer(session.Spec.SelectorName);
            TestContext.Out.WriteLine(reproducer);
            SuiteArtifacts.Attach(finding, reproducer);
        }
        Assert.That(outcome.Judged, Is.True, () => $"{target.Property.Title} was not judged: none of its {outcome.ProgramsRun} programs reached the dext ({outcome.NotReachedBecause})");
        var unknown = outcome.Findings.Where(f => !f.IsKnownIn(session.Spec)).ToArray();
        Assert.That(unknown, Is.Empty,
            () => $"{target.Property.Title} broke (seed {SuiteSettings.Seed}; replay with `conformancekit replay`):\n" +
                  string.Join("\n", unknown.Select(f => f.Reproducer(session.Spec.SelectorName))));
        var knownHere = session.Spec.Known.Where(k => k.Rule == rule && (k.Selector is null || k.Selector == selector)).ToArray();
        var expectsFinding = knownHere.Any(k => k.Selector == selector || (k.Selector is null && selector is null));
        if (expectsFinding)
            Assert.That(outcome.Findings, Is.Not.Empty,
                $"the spec lists a known finding for {target.Property.Title} ({knownHere[0].Why}), but the property did not find it: the property has lost its teeth");
    }
}
