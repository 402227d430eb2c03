using System.CommandLine;
using System.Globalization;
using ConformanceKit.Cli.Output;
using ConformanceKit.Contracts.Check;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// `conformancekit summary FILE... [--expect-known]`: one table over several check and fuzz results
/// (the main job's closing table). Exit 1 when any run has a finding its spec does not list as
/// known, a rule row that was not judged or a campaign that did not finish (interrupted, inputs left
/// untriaged) — or, with --expect-known, when a known finding did not show up.
/// </summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILES") { Description = "check --json and fuzz --json outputs", Arity = ArgumentArity.OneOrMore };
        var expectKnown = new Option<bool>("--expect-known")
        {
            Description = "Every finding a spec lists under 'known:' must show up (how the main job proves the suite still sees the sample's bugs)",
        };
        var command = new Command("summary", "Summarize check and fuzz results of several dexts in one table") { files, expectKnown };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!;
            foreach (var path in paths) RequireResultFile(path);
            var runs = paths.Select(RunSummary.Read).ToArray();
            var requireKnown = parse.GetValue(expectKnown);
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]ConformanceKit summary[/]")
                .AddColumn("Dext").AddColumn("Run").AddColumn(new TableColumn("Rules held").RightAligned())
                .AddColumn(new TableColumn("Findings").RightAligned()).AddColumn("Findings by rule and selector").AddColumn("Verdict");
            var failed = false;
            foreach (var run in runs)
            {
                var unseen = requireKnown ? run.Unseen : [];
                failed |= run.New > 0 || unseen.Count > 0 || run.Unjudged.Count > 0;
                table.AddRow(Markup.Escape(run.Dext), Markup.Escape(run.Run), run.RulesHeld,
                    run.Findings.Count.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join("\n", run.Findings.Select(f => f.ToString()).Concat(KnownHitLines(run)))), Verdict(run, unseen));
            }
            AnsiConsole.Write(table);
            return failed ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A check or fuzz --json file is at most this large; anything larger (or endless, like /dev/zero) is not one.</summary>
    const long MaxResultBytes = 256L << 20;

    /// <summary>Each FILE is a readable file of a sane size, checked before any is read (one line and exit 2 otherwise).</summary>
    /// <exception cref="UsageException">the path is not such a file.</exception>
    static void RequireResultFile(string path)
    {
        const string expected = "give a check --json or fuzz --json file";
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"summary: an empty path; {expected}");
        if (Directory.Exists(path)) throw new UsageException($"{path}: is a directory; {expected}");
        if (!File.Exists(path)) throw new UsageException($"{path}: no such file; {expected}");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var chunk = new byte[81920];
            long total = 0;
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                if ((total += read) > MaxResultBytes) throw new UsageException($"{path}: larger than {MaxResultBytes >> 20} MiB; {expected}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read: {e.Message}");
        }
    }

    /// <summary>A campaign's known findings hit without crashing: "known findings hit: rule @ selector ×N".</summary>
    static IEnumerable<string> KnownHitLines(RunSummary run) =>
        run.KnownFindingsHit.Count == 0
            ? []
            : ["known findings hit: " + string.Join(", ", run.KnownFindingsHit.Select(h =>
                string.Create(CultureInfo.InvariantCulture, $"{h.Rule} @ {(h.Selector is { } s ? s.ToString(CultureInfo.InvariantCulture) : "—")} ×{h.Hits:N0}")))];

    static string Verdict(RunSummary run, IReadOnlyList<KnownEntry> unseen)
    {
        var parts = new List<string>();
        if (run.New > 0) parts.Add($"[red bold]{run.New} new finding(s)[/]");
        if (unseen.Count > 0) parts.Add($"[red bold]known finding(s) not seen: {Markup.Escape(string.Join(", ", unseen))}[/]");
        if (run.Unjudged.Count > 0)
            parts.Add(run.Run.StartsWith("fuzz", StringComparison.Ordinal)
                ? $"[red bold]unfinished: {Markup.Escape(string.Join("; ", run.Unjudged))}[/]"
                : $"[red bold]{run.Unjudged.Count} row(s) not judged: {Markup.Escape(run.Unjudged[0])}[/]");
        if (parts.Count > 0) return string.Join("\n", parts);
        if (run.Findings.Count == 0) return "[green]no finding[/]";
        return run.KnownFindings.Count > 0 && run.Unseen.Count == 0 ? "[yellow]exactly its known findings[/]" : "[yellow]only known findings[/]";
    }
}
