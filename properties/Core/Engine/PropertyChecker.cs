using System.Diagnostics;
using ConformanceKit.Programs;
using ConformanceKit.Properties.Catalog;
using ConformanceKit.Runner;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ConformanceKit.Properties.Engine;

/// <summary>
/// Checks one <see cref="RuleProperty"/> on a dext: first its boundary sweep, then FsCheck with the
/// property's generator, seeded from <see cref="CheckOptions.Seed"/>. Each failure is shrunk once,
/// by the program shrinker for its own signature, to a minimal program and becomes a finding; the property is then checked again
/// with that bug's signature excluded, so distinct bugs behind one property are all reported.
/// A failure is a violation of the property's own rule at its selector, or a crash or hang of the
/// dext (memory.safety) in any of its programs: a dext that dies while accept or async programs
/// run is never "held". Signatures in <c>alreadyFound</c> (found by earlier properties of the same
/// check) are not looked for again.
/// </summary>
public sealed class PropertyChecker(ProgramRunner runner, string dextName)
{
    /// <param name="hangs">Where the dext hangs, shared by the properties of one check (a fresh one when null).</param>
    public PropertyOutcome Check(RuleProperty property, CheckOptions options, IReadOnlySet<string>? alreadyFound = null, HangTracker? hangs = null)
    {
        var clock = Stopwatch.StartNew();
        hangs ??= new HangTracker();
        var findings = new FindingSet();
        var excluded = new HashSet<string>(alreadyFound ?? new HashSet<string>(), StringComparer.Ordinal);
        var programsRun = 0;
        var programsReached = 0;
        var callsDelivered = 0L;
        string? notReachedBecause = null;
        Finding? unrecordedHang = null;
        Finding? lastFailure = null;

        Finding? FirstFailure(Program program)
        {
            if (hangs.Skips(program, out var skipped))
            {
                notReachedBecause ??= skipped;
                return null;
            }
            programsRun++;
            var result = runner.Run(program);
            if (Evidence(property, result) is { } none) notReachedBecause ??= none;
            else programsReached++;
            callsDelivered += result.CallsDelivered;
            // A program's first violation is its finding; what it broke afterwards is a consequence
            // (reported with it), except a crash or hang, which is always a finding of its own. A bug
            // that only ever shows after another one is that one's consequence; one that stands on its
            // own is found first by some program of its own rule's property.
            foreach (var finding in Finding.From(dextName, result))
            {
                if (!Counts(property, finding) || excluded.Contains(finding.Signature)) continue;
                if (HangTracker.IsHang(finding))
                {
                    hangs.Record(finding); // from now on, programs that would hang the same way are skipped
                    unrecordedHang = finding;
                }
                return lastFailure = finding;
            }
            return null;
        }

        // A hang is not shrunk call by call (each attempt would cost a per-call timeout): the program
        // is cut after the call that hung, and cut down to that call alone when that still hangs.
        void RecordHang(Finding hang)
        {
            unrecordedHang = null;
            var program = hang.Program;
            var finding = hang;
            if (hang.Violation.StepIndex < program.Count && program.Steps[hang.Violation.StepIndex] is CallStep call)
            {
                var alone = new Program([new OpenStep(call.Slot, ClientAccess.AsEntitled), call]);
                var result = runner.Run(alone);
                finding = Finding.From(dextName, result).FirstOrDefault(f => f.Signature == hang.Signature)
                    ?? hang with { Program = new Program([.. program.Steps.Take(hang.Violation.StepIndex + 1)]) };
            }
            findings.Add(finding);
            excluded.Add(finding.Signature);
        }

        void Record(Program failing, Finding observed)
        {
            var signature = observed.Signature;
            if (unrecordedHang is { } hang && hang.Signature == signature)
            {
                RecordHang(hang);
                return;
            }
            var minimal = ProgramShrinker.Minimize(failing, p => FirstFailure(p)?.Signature == signature).Program;
            // A failure that does not come back on the shrunk program — a dext whose bug shows at the
            // runtime's reset after an earlier program, for one — is not lost, nor the whole check:
            // it is kept as first observed, unshrunk (triage does the same with a flaky shrink).
            var finding = FirstFailure(minimal) is { } shrunk && shrunk.Signature == signature ? shrunk : observed;
            findings.Add(finding);
            excluded.Add(finding.Signature);
        }

        foreach (var program in property.Sweep)
        {
            if (findings.Count >= options.MaxDistinctFindings) break;
            if (FirstFailure(program) is { } failure) Record(program, failure);
        }

        // No shrinker for FsCheck: a failure is shrunk once, by Record, for its own signature (FsCheck
        // would shrink for "any failure", and Record would then shrink the result a second time).
        var arbitrary = Arb.From(property.Generator);
        for (var round = 0; findings.Count < options.MaxDistinctFindings; round++)
        {
            var capture = new CaptureRunner();
            var config = Config.Quick
                .WithMaxTest(options.Cases)
                .WithEndSize(12)
                .WithRunner(capture)
                .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(options.SeedFor(property.Id, round)), FSharpOption<int>.None)));
            FsCheck.Check.One(config, Prop.ForAll(arbitrary, (Program program) => FirstFailure(program) is null));
            if (capture.Result is not TestResult.Failed failed) break;
            if (unrecordedHang is { } hang)
            {
                // The counterexample hung: a hang is not shrunk call by call (RecordHang cuts it).
                RecordHang(hang);
                continue;
            }
            var failing = failed.Item2.Head as Program ?? throw new InvalidOperationException("FsCheck returned no program");
            // FsCheck's last failure was this counterexample's. When it does not fail again (its bug shows
            // only after an earlier program), it is kept as FsCheck saw it rather than lost with the check.
            var observed = lastFailure;
            var failure = FirstFailure(failing) ?? (observed is not null && observed.Program.Equals(failing) ? observed : null)
                ?? throw new InvalidOperationException($"{property.Id}: FsCheck's counterexample does not fail again; the dext is not deterministic:\n{failing}");
            Record(failing, failure);
        }
        return new PropertyOutcome(property, programsRun, programsReached, callsDelivered, findings.All, options.SeedFor(property.Id, 0), clock.Elapsed,
            notReachedBecause);
    }

    /// <summary>The property's own rule at its selector, or any crash or hang wherever it happened.</summary>
    /// <summary>
    /// Why a program gave the property nothing to judge; null when it did. A call that never returned judged
    /// nothing, and async.delivery judges completions: a program in which none arrived or fell due (every
    /// one crashed the dext first, say) is no evidence that they arrive as the spec says.
    /// </summary>
    static string? Evidence(RuleProperty property, RunResult result)
    {
        if (!result.ReachedDext || result.Crash is { Hang: true })
            return result.OpenProblem ?? (result.Crash is { Hang: true } ? "its calls hung" : "no step of the program reached the dext");
        if (property.Rule == Oracle.Rules.AsyncDelivery && result.CompletionsJudged == 0)
            return result.Crash is not null ? "no completion arrived or fell due before the dext crashed" : "no completion arrived or fell due";
        return null;
    }

    static bool Counts(RuleProperty property, Finding finding) =>
        property.Counts(finding.Violation) || finding.Rule == Oracle.Rules.MemorySafety;
}
