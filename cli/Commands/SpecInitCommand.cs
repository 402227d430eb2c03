using System.CommandLine;
using System.Text;
using ConformanceKit.Cli.Output;
using ConformanceKit.Contracts;
using ConformanceKit.Oracle;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Draft;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// `conformancekit spec init --dext DIR [--out FILE] [--force]`: runs the dext, calls each selector once and
/// writes a draft spec of what its dispatch entries say (<see cref="SpecDraftWriter"/>). Never replaces a
/// file unless --force, and writes it whole or not at all. Exit 0, or 2 with one line.
/// </summary>
public static class SpecInitCommand
{
    public static Command Create()
    {
        var target = new TargetOptions();
        var output = new Option<string?>("--out") { Description = "Draft spec to write (default: <dext>/spec.yaml); an existing file is kept unless --force" };
        var force = new Option<bool>("--force") { Description = "Replace an existing --out file" };
        var command = new Command("init", "Draft a spec from the dext's dispatch entries, service and access policy");
        target.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(parse =>
        {
            target.Validate(parse);
            var dextDir = parse.GetValue(target.Dext) ?? throw new UsageException("spec init: give the dext folder with --dext");
            var dext = DextTarget.Resolve(dextDir, parse.GetValue(target.Spec), specOptional: true);
            var outPath = OutputPath.RequireWritableFile("--out", parse.GetValue(output) ?? Path.Combine(dext.Directory, "spec.yaml"));
            var replace = parse.GetValue(force);
            if (File.Exists(outPath) && !replace) throw new UsageException($"--out {outPath} exists; pass --force to replace it");
            var spec = dext.HasSpec ? dext.LoadSpec() : null;
            var (survey, observed) = SurveyTarget.Survey(target, parse, dext, spec, observeAsync: true, probe: true);
            var (asyncCrash, probes) = (observed.AsyncCrash, observed.Probes ?? []);
            // build:, sources: and include: name files relative to the spec: carried only into a draft beside it.
            var sameFolder = spec is not null && Path.GetFullPath(Path.GetDirectoryName(spec.SourcePath)!) == Path.GetFullPath(Path.GetDirectoryName(outPath)!);
            var carried = spec is null ? ((string, string)?)null : (CarriedSections.From(File.ReadAllText(spec.SourcePath), sameFolder), spec.SourcePath);
            var draft = SpecDraftWriter.Write(dext.Name, survey, observed, carried);
            // The draft must be a spec check can run: a writer bug shows here, not in the user's next command.
            SpecLoader.Parse(draft, outPath);
            var bytes = Encoding.UTF8.GetBytes(draft);
            if (replace) AtomicFile.Write(outPath, bytes);
            else if (!AtomicFile.CreateNew(outPath, bytes)) throw new UsageException($"--out {outPath} exists; pass --force to replace it");
            var probed = probes.Count(p => p.Shape is not null);
            Console.WriteLine($"wrote {outPath}: {survey.Selectors.Count(s => s.Entry is { HasFunction: true })} selector(s) from dispatch entries, "
                + $"{probed} inferred by probing (checked: false), {survey.Selectors.Count(s => s.Entry is not { HasFunction: true }) - probed} left as TODO comments");
            // A crash while probing or observing is a bug found, whatever the draft: said as check says findings, and in the draft as a comment.
            foreach (var seen in survey.Selectors.Where(s => s.Crash is not null && probes.All(p => p.Selector != s.Selector)))
                Console.WriteLine($"finding: {Rules.MemorySafety} selector {seen.Selector}: {seen.Crash} (called without arguments)");
            if (asyncCrash is not null)
                Console.WriteLine($"finding: {Rules.MemorySafety} selector {asyncCrash.Selector}: {asyncCrash.Kind} (while observing the async protocol: {asyncCrash.While})");
            foreach (var probe in probes)
                foreach (var crash in probe.Crashes)
                    Console.WriteLine($"finding: {Rules.MemorySafety} selector {probe.Selector}: {crash.Kind} (while probing, first with {crash.Shape})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
