using System.CommandLine;
using ConformanceKit.Cli.Output;
using ConformanceKit.Fuzz;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// `conformancekit fuzz --dext DIR --time 60s --out DIR [--jobs N] [--json FILE]`: a coverage-guided
/// campaign (SharpFuzz + AFL++) over the dext. Exit 0 when it ran and found nothing (or, with
/// --allow-known, only known findings), 1 when it has findings — written to OUT/findings, campaign.json
/// and --json all the same — and 2 on a usage or setup error only.
/// </summary>
public static class FuzzCommand
{
    public static Command Create()
    {
        var dext = new Option<string>("--dext") { Description = "Dext folder (sources, Info.plist, entitlements, spec.yaml). Default: dext/NullDriver" };
        var spec = new Option<string?>("--spec") { Description = "Dispatch spec (default: <dext>/spec.yaml)" };
        var time = new Option<string>("--time") { Description = "Time budget of the campaign, e.g. 60s, 10m, 2h", DefaultValueFactory = _ => "60s" };
        var output = new Option<string>("--out") { Description = "Campaign folder (AFL++'s sync dir is OUT/afl, findings in OUT/findings)", Required = true };
        var jobs = new Option<int>("--jobs") { Description = "afl-fuzz instances (-M main, -S sec1...)", DefaultValueFactory = _ => 1 };
        var json = new Option<string?>("--json") { Description = "Write the campaign's figures and findings as JSON to this file" };
        var variant = new Option<string>("--variant")
        {
            Description = "asan: the asan-cov build in dexthost (finds memory errors, survives crashes); fast: the cov build in-process (more exec/s, no ASan, no crash isolation)",
            DefaultValueFactory = _ => "asan",
        };
        var noPin = new Option<bool>("--no-pin") { Description = "Do not bind each instance (and its dexthost) to its own CPU" };
        var resume = new Option<bool>("--resume") { Description = "Continue the campaign in OUT (afl-fuzz -i -)" };
        var fresh = new Option<bool>("--fresh") { Description = "Start anew in OUT; a campaign already there is moved to OUT-previous/<time>/ first (nothing is deleted)" };
        var noNative = new Option<bool>("--no-native-coverage") { Description = "Do not feed the dext's SanitizerCoverage edges into AFL's map (for comparison)" };
        var allowKnown = new Option<bool>("--allow-known") { Description = "Exit 0 when every finding is one the spec lists under 'known:'" };
        var callTimeout = new Option<int>("--call-timeout-ms") { Description = "A dext call taking longer is a hang finding", DefaultValueFactory = _ => 2000 };
        variant.AcceptOnlyFromAmong("asan", "fast");
        var command = new Command("fuzz", "Run a coverage-guided fuzz campaign (SharpFuzz + AFL++) and triage its crashes into distinct minimal findings")
        {
            dext, spec, time, output, jobs, json, variant, noPin, resume, fresh, noNative, allowKnown, callTimeout,
        };
        command.SetAction(parse =>
        {
            if (!Durations.TryParse(parse.GetValue(time)!, out var nanoseconds) || nanoseconds < 1_000_000_000)
                throw new UsageException($"--time {parse.GetValue(time)}: expected a duration of at least 1s, like 60s or 10m");
            var jobCount = parse.GetValue(jobs);
            if (jobCount < 1 || jobCount > 64) throw new UsageException($"--jobs {jobCount}: expected 1 to 64");
            if (parse.GetValue(callTimeout) < 10) throw new UsageException("--call-timeout-ms: expected at least 10");
            if (parse.GetValue(resume) && parse.GetValue(fresh)) throw new UsageException("--resume and --fresh exclude each other");
            var target = DextTarget.Resolve(parse.GetValue(dext) ?? Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"), parse.GetValue(spec));
            var options = new CampaignOptions(target, target.LoadSpec(), Path.GetFullPath(parse.GetValue(output)!),
                TimeSpan.FromTicks((long)(nanoseconds / 100)), jobCount, FuzzVariants.Parse(parse.GetValue(variant)!),
                Pin: !parse.GetValue(noPin), Resume: parse.GetValue(resume), NativeCoverage: !parse.GetValue(noNative),
                CallTimeout: TimeSpan.FromMilliseconds(parse.GetValue(callTimeout)), Fresh: parse.GetValue(fresh));
            var result = new Campaign(options, AnsiConsole.Console).Run();
            FuzzReport.Render(AnsiConsole.Console, result, options);
            if (parse.GetValue(json) is { } path) Json.Write(path, CampaignJson.From(result, options.Spec));
            if (result.Findings.Count == 0) return ExitCodes.Ok;
            return parse.GetValue(allowKnown) && result.Findings.All(f => f.Record.Known) ? ExitCodes.Ok : ExitCodes.Findings;
        });
        return command;
    }
}
