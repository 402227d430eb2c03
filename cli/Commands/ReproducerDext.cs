using System.CommandLine;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Fuzz.Triage;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// Which dext replay and minimize run a reproducer on: only the folder the user names with --dext.
/// A reproducer's `# dext:` header identifies the dext it was made on, it is never a path to build —
/// a file from elsewhere must not make the CLI compile and run code of its choosing. The header is
/// checked against the chosen dext: another dext's name is refused (its findings mean nothing
/// there), other sources of the same dext get a notice (the usual case of replaying after a fix).
/// </summary>
public static class ReproducerDext
{
    /// <exception cref="UsageException">no --dext, or a dext of another name than the reproducer's.</exception>
    public static Session Open(TargetOptions target, ParseResult parse, ReproducerFile reproducer, TextWriter notices)
    {
        if (parse.GetValue(target.Dext) is null) throw new UsageException(MissingDext(reproducer));
        return target.Open(parse, beforeBuild: (dext, spec) => Compare(reproducer, dext, spec, notices));
    }

    static string MissingDext(ReproducerFile reproducer)
    {
        var madeOn = reproducer.DextName is { } name ? $"{reproducer.Path} was made on dext '{name}'; " : "";
        var recorded = reproducer.FindingFolder is { } folder && FindingFile.TryReadFrom(folder) is { } record
            ? $" (the campaign's own command: {record.Replay})"
            : "";
        return $"{madeOn}pass --dext with that dext's folder: replay builds and runs only a folder you name{recorded}";
    }

    static void Compare(ReproducerFile reproducer, DextTarget dext, DispatchSpec spec, TextWriter notices)
    {
        if (reproducer.DextName is { } name && !string.Equals(name, spec.Dext, StringComparison.Ordinal))
            throw new UsageException($"{reproducer.Path} was made on dext '{name}', not on '{spec.Dext}' ({dext.Directory}); pass --dext with the folder of '{name}'");
        if (reproducer.DextSources is { } made && !string.Equals(made, dext.Sources, StringComparison.Ordinal))
            notices.WriteLine($"conformancekit: note: {dext.Directory} has other sources ({dext.Sources}) than the reproducer was made on ({made}); replaying on these");
    }
}
