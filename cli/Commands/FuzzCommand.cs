using System.CommandLine;
using ConformanceKit.Cli.Output;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Fuzz;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// `conformancekit fuzz --dext DIR --time 60s --out DIR [--jobs N] [--json FILE]`: a coverage-guided
/// campaign (SharpFuzz + AFL++) over the dext. Exit 0 when it ran and found nothing (or, with
/// --allow-known, only known findings), 1 when it has findings or crash inputs it could not triage
/// within the budget — written to OUT/findings, campaign.json and --json all the same — 2 on a usage
/// or setup error only (before anything is created or moved), and 130 when SIGINT or SIGTERM stopped
/// it (campaign.json and --json are still written).
/// </summary>
public static class FuzzCommand
{
    public static Command Create()
    {
        var dext = new Option<string>("--dext") { Description = "Dext folder (sources, Info.plist, entitlements, spec.yaml). Default: dext/NullDriver (with --resume: the campaign's own)" };
        var spec = new Option<string?>("--spec") { Description = "Dispatch spec (default: <dext>/spec.yaml)" };
        var time = new Option<string>("--time") { Description = "Wall-clock budget of the campaign, triage included (plus a short grace), e.g. 60s, 10m, 2h", DefaultValueFactory = _ => "60s" };
        var output = new Option<string>("--out") { Description = "Campaign folder (AFL++'s sync dir is OUT/afl, findings in OUT/findings); one campaign at a time", Required = true };
        var jobs = new Option<int>("--jobs") { Description = "afl-fuzz instances (-M main, -S sec1...)", DefaultValueFactory = _ => 1 };
        var json = new Option<string?>("--json") { Description = "Write the campaign's figures and findings as JSON to this file" };
        var variant = new Option<string>("--variant")
        {
            Description = "asan: the asan-cov build in dexthost (finds memory errors, survives crashes); fast: the cov build in-process (more exec/s, no ASan, no crash isolation)",
            DefaultValueFactory = _ => "asan",
        };
        var noPin = new Option<bool>("--no-pin") { Description = "Do not bind each instance (and its dexthost) to its own CPU" };
        var resume = new Option<bool>("--resume") { Description = "Continue the campaign in OUT (afl-fuzz -i -), triaging first what it left queued" };
        var fresh = new Option<bool>("--fresh") { Description = "Start anew in OUT; a campaign already there is moved to OUT-previous/<time>/ first (nothing is deleted)" };
        var noNative = new Option<bool>("--no-native-coverage") { Description = "Do not feed the dext's SanitizerCoverage edges into AFL's map (for comparison)" };
        var allowKnown = new Option<bool>("--allow-known") { Description = "Exit 0 when every finding is one the spec lists under 'known:'" };
        var callTimeout = new Option<int>("--call-timeout-ms") { Description = "A dext call taking longer, in its own run time (CPU or blocked, not wall-clock), is a hang finding", DefaultValueFactory = _ => 2000 };
        variant.AcceptOnlyFromAmong("asan", "fast");
        var command = new Command("fuzz", "Run a coverage-guided fuzz campaign (SharpFuzz + AFL++) and triage its crashes into distinct minimal findings")
        {
            dext, spec, time, output, jobs, json, variant, noPin, resume, fresh, noNative, allowKnown, callTimeout,
        };
        command.SetAction(parse =>
        {
            // Every option is checked before anything is created, moved (--fresh) or built.
            var outputDirectory = OutputPath.RequireFolder("--out", parse.GetValue(output)!);
            var jsonPath = parse.GetValue(json) is { } j ? OutputPath.RequireWritableFile("--json", j) : null;
            if (!Durations.TryParse(parse.GetValue(time)!, out var nanoseconds) || nanoseconds < 1_000_000_000)
                throw new UsageException($"--time {parse.GetValue(time)}: expected a duration of at least 1s, like 60s or 10m");
            var jobCount = parse.GetValue(jobs);
            if (jobCount < 1 || jobCount > 64) throw new UsageException($"--jobs {jobCount}: expected 1 to 64");
            if (parse.GetValue(callTimeout) < 10) throw new UsageException("--call-timeout-ms: expected at least 10");
            var resuming = parse.GetValue(resume);
            if (resuming && parse.GetValue(fresh)) throw new UsageException("--resume and --fresh exclude each other");
            var fuzzVariant = FuzzVariants.Parse(parse.GetValue(variant)!);

            // --resume without --dext continues the campaign's own dext (campaign.json names its folder and spec).
            var saved = resuming && parse.GetValue(dext) is null ? CampaignFile.ReadIn(outputDirectory) : null;
            var dextFolder = parse.GetValue(dext)
                ?? (saved?.DextFolder is { } folder && Directory.Exists(folder) ? folder : Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));
            var specPath = parse.GetValue(spec) ?? (saved?.Spec is { } file && File.Exists(file) && saved.DextFolder == dextFolder ? file : null);
            var target = DextTarget.Resolve(dextFolder, specPath);
            var options = new CampaignOptions(target, target.LoadSpec(), outputDirectory,
                TimeSpan.FromTicks((long)(nanoseconds / 100)), jobCount, fuzzVariant,
                Pin: !parse.GetValue(noPin), Resume: resuming, NativeCoverage: !parse.GetValue(noNative),
                CallTimeout: TimeSpan.FromMilliseconds(parse.GetValue(callTimeout)), Fresh: parse.GetValue(fresh));
            Campaign.CheckOutput(options); // a running campaign in OUT, --resume without a campaign, one not to overwrite

            // From here on, SIGINT and SIGTERM stop the campaign cleanly instead of ending the process.
            using var interruption = new Interruption();
            var result = new Campaign(options, AnsiConsole.Console).Run(interruption.Token);
            FuzzReport.Render(AnsiConsole.Console, result, options);
            if (jsonPath is not null && result.Started) Json.Write(jsonPath, CampaignJson.From(result, options.Spec));
            return result.Interrupted ? Interruption.ExitCode : Verdict(result, parse.GetValue(allowKnown));
        });
        return command;
    }

    /// <summary>
    /// 0: nothing found (or, allowing known ones, nothing new); 1: findings — crash inputs not triaged yet
    /// count as such, since each broke a rule in the target and only triage can tell whether it is known.
    /// </summary>
    internal static int Verdict(CampaignResult result, bool allowKnown)
    {
        if (result.Untriaged > 0) return ExitCodes.Findings;
        if (result.Findings.Count == 0) return ExitCodes.Ok;
        return allowKnown && result.Findings.All(f => f.Record.Known) ? ExitCodes.Ok : ExitCodes.Findings;
    }
}
