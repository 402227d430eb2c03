using System.CommandLine;
using ConformanceKit.Cli.Output;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Fuzz;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// `conformancekit triage --out OUT [--time T]`: triages the crash inputs a campaign left queued in
/// OUT/triage/inputs (its budget ran out, or it was interrupted) — and any afl-fuzz saved that the
/// campaign had not collected — within T (default: until the queue is empty), then updates the
/// findings and campaign.json. The dext folder and spec come from campaign.json unless given. Exit 0
/// no finding, 1 findings (or inputs still untriaged), 2 usage or setup error, 130 interrupted.
/// Holds OUT's campaign lock, so it never runs beside a campaign in the same folder.
/// </summary>
public static class TriageCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Campaign folder (of `conformancekit fuzz --out`)", Required = true };
        var time = new Option<string?>("--time") { Description = "Wall-clock budget, e.g. 60s, 10m (default: until the queue is empty); what is left stays queued" };
        var dext = new Option<string?>("--dext") { Description = "Dext folder (default: the campaign's, from OUT/campaign.json)" };
        var spec = new Option<string?>("--spec") { Description = "Dispatch spec (default: the campaign's)" };
        var json = new Option<string?>("--json") { Description = "Write the campaign's figures and findings as JSON to this file (as fuzz --json)" };
        var allowKnown = new Option<bool>("--allow-known") { Description = "Exit 0 when every finding is one the spec lists under 'known:'" };
        var callTimeout = new Option<int?>("--call-timeout-ms") { Description = "A dext call taking longer is a hang finding (default: the campaign's)" };
        var command = new Command("triage", "Triage the crash inputs a fuzz campaign left queued (OUT/triage/inputs) into findings")
        {
            output, time, dext, spec, json, allowKnown, callTimeout,
        };
        command.SetAction(parse =>
        {
            // Every option is checked before anything is created or built.
            var outputDirectory = OutputPath.RequireFolder("--out", parse.GetValue(output)!);
            var jsonPath = parse.GetValue(json) is { } j ? OutputPath.RequireWritableFile("--json", j) : null;
            TimeSpan? budget = null;
            if (parse.GetValue(time) is { } text)
            {
                if (!Durations.TryParse(text, out var nanoseconds) || nanoseconds < 1_000_000_000)
                    throw new UsageException($"--time {text}: expected a duration of at least 1s, like 60s or 10m");
                budget = TimeSpan.FromTicks((long)(nanoseconds / 100));
            }
            if (parse.GetValue(callTimeout) is < 10) throw new UsageException("--call-timeout-ms: expected at least 10");
            if (!Directory.Exists(outputDirectory)) throw new UsageException($"--out {parse.GetValue(output)}: no such folder");
            Campaign.CheckTriageOutput(outputDirectory); // a running campaign in OUT, or no campaign there

            var saved = CampaignFile.ReadIn(outputDirectory);
            var dextFolder = parse.GetValue(dext) ?? saved?.DextFolder
                ?? throw new UsageException($"{CampaignFile.PathIn(outputDirectory)} does not name the campaign's dext folder: pass --dext");
            var specPath = parse.GetValue(spec) ?? (parse.GetValue(dext) is null && saved?.Spec is { } file && File.Exists(file) ? file : null);
            var target = DextTarget.Resolve(dextFolder, specPath);
            var loaded = target.LoadSpec();
            if (saved?.Dext is { } fuzzed && fuzzed != loaded.Dext)
                throw new UsageException($"the campaign in {outputDirectory} fuzzed {fuzzed}, not {loaded.Dext}; pass its --dext");
            var variant = saved?.Variant == "fast" ? FuzzVariant.Fast : FuzzVariant.Asan;
            var options = new CampaignOptions(target, loaded, outputDirectory, budget ?? TimeSpan.MaxValue, saved?.Jobs ?? 1, variant,
                Pin: false, Resume: true, NativeCoverage: true,
                CallTimeout: TimeSpan.FromMilliseconds(parse.GetValue(callTimeout) ?? saved?.CallTimeoutMs ?? 2000));

            using var interruption = new Interruption();
            var result = new Campaign(options, AnsiConsole.Console).Triage(budget is not null, interruption.Token);
            FuzzReport.Render(AnsiConsole.Console, result, options);
            if (jsonPath is not null && result.Started) Json.Write(jsonPath, CampaignJson.From(result, options.Spec));
            return result.Interrupted ? Interruption.ExitCode : FuzzCommand.Verdict(result, parse.GetValue(allowKnown));
        });
        return command;
    }
}
