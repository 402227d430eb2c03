using System.CommandLine;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// `conformancekit dext-plan DIR [--spec FILE] --out PLAN` (hidden): writes the build plan of a dext
/// folder — its sources, include folders, the files the build reads, Info.plist and the entitlements
/// with their build settings expanded — for dext/build-dext.sh when it runs on its own (the harness
/// makes the same plan in-process). The spec is read here because the C# side is its one reader.
/// Exit 0, or 2 with one line (spec.yaml:LINE, Info.plist:LINE, a missing file).
/// </summary>
public static class DextPlanCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "Dext folder" };
        var spec = new Option<string?>("--spec") { Description = "Spec whose build:, sources: and include: to use (default: DIR/spec.yaml, if there is one)" };
        var output = new Option<string>("--out") { Description = "Plan folder to write (build-dext.sh's --plan)", Required = true };
        var command = new Command("dext-plan", "Write the build plan of a dext folder for dext/build-dext.sh") { folder, spec, output };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(folder)!;
            if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory)) throw new UsageException($"dext-plan: no dext folder {directory}");
            var specPath = parse.GetValue(spec) ?? Path.Combine(directory, "spec.yaml");
            if (parse.GetValue(spec) is not null && !File.Exists(specPath)) throw new UsageException($"--spec {specPath}: no such file");
            var loaded = File.Exists(specPath) ? SpecLoader.LoadFile(specPath) : null;
            DextPlanWriter.Write(DextPlan.For(directory, loaded), parse.GetValue(output)!);
            return ExitCodes.Ok;
        });
        return command;
    }
}
