using System.CommandLine;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Cli;

/// <summary>The options that choose a dext and how to reach it, shared by check, replay, minimize and fuzz.</summary>
public sealed class TargetOptions
{
    public Option<string> Dext { get; } = new("--dext")
    {
        Description = "Dext folder (sources, Info.plist, entitlements, spec.yaml); built on demand. Default: dext/NullDriver",
    };

    public Option<string?> Spec { get; } = new("--spec") { Description = "Dispatch spec to judge against (default: <dext>/spec.yaml)" };

    public Option<string> Transport { get; } = new("--transport")
    {
        Description = "inproc (P/Invoke, fastest), socket (dexthost, survives crashes) or iokit (a real dext on macOS)",
        DefaultValueFactory = _ => TransportKind.Socket.Name(),
    };

    public Option<string?> Variant { get; } = new("--variant")
    {
        Description = "Dext build: asan (ASan+UBSan, default for socket) or release (default for inproc)",
    };

    /// <summary>The IOServiceNameMatching name: on a Mac, the installed dext's registry name (its IOUserClass).</summary>
    public Option<string?> Service { get; } = new("--service")
    {
        Description = "IOService name to match and open, e.g. with --transport iokit the installed dext's (default: the spec's 'service')",
    };

    /// <summary>The largest --call-timeout-ms: one day (the socket transport's own limit).</summary>
    public const int MaxCallTimeoutMs = 86_400_000;

    public Option<int> CallTimeoutMs { get; } = new("--call-timeout-ms")
    {
        Description = "Socket transport: a dext that does not answer a call within this much of its own run time (CPU or blocked, not wall-clock) is a hang finding; iokit: how long to wait for the service to be registered (1 to 86400000)",
        DefaultValueFactory = _ => 5000,
    };

    public TargetOptions()
    {
        Transport.AcceptOnlyFromAmong([.. TransportKinds.Names]);
        Variant.AcceptOnlyFromAmong("asan", "release");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Dext);
        command.Options.Add(Spec);
        command.Options.Add(Transport);
        command.Options.Add(Variant);
        command.Options.Add(Service);
        command.Options.Add(CallTimeoutMs);
    }

    /// <summary>
    /// Checks the options that can be checked without the dext: empty paths, a directory given as
    /// --spec, a file as --dext, an impossible timeout. Commands call it before their work starts;
    /// <see cref="Open"/> calls it again.
    /// </summary>
    /// <exception cref="UsageException">an option that cannot work.</exception>
    public void Validate(ParseResult parse)
    {
        if (parse.GetValue(Dext) is { } dext)
        {
            if (string.IsNullOrWhiteSpace(dext)) throw new UsageException("--dext: an empty path; give the dext folder");
            if (File.Exists(dext)) throw new UsageException($"--dext {dext}: is a file; give the dext folder (it holds the sources and spec.yaml)");
        }
        if (parse.GetValue(Spec) is { } spec)
        {
            if (string.IsNullOrWhiteSpace(spec)) throw new UsageException("--spec: an empty path; give the spec file");
            if (Directory.Exists(spec)) throw new UsageException($"--spec {spec}: is a directory; give the spec file (e.g. {Path.Combine(spec, "spec.yaml")})");
        }
        if (parse.GetValue(Service) is { } service && string.IsNullOrWhiteSpace(service))
            throw new UsageException("--service: an empty name");
        var timeout = parse.GetValue(CallTimeoutMs);
        if (timeout < 1 || timeout > MaxCallTimeoutMs)
            throw new UsageException($"--call-timeout-ms {timeout}: expected 1 to {MaxCallTimeoutMs} (one day)");
    }

    /// <summary>Resolves the options: validates them, loads the spec, then builds the dext variant and opens the transport.</summary>
    /// <param name="defaultDext">The dext folder to use when --dext is not given (else dext/NullDriver).</param>
    /// <param name="beforeBuild">Checks the resolved folder and its spec before anything is built (it throws to refuse them).</param>
    public Session Open(ParseResult parse, string? defaultDext = null, TextWriter? buildLog = null, Action<DextTarget, DispatchSpec>? beforeBuild = null)
    {
        Validate(parse);
        var transportKind = TransportKinds.Parse(parse.GetValue(Transport)!);
        var dextDir = parse.GetValue(Dext) ?? defaultDext ?? Path.Combine(RepositoryLayout.Root, "dext", "NullDriver");
        var target = DextTarget.Resolve(dextDir, parse.GetValue(Spec));
        var spec = target.LoadSpec();
        if (parse.GetValue(Service) is { } service) spec = spec with { Service = service };
        beforeBuild?.Invoke(target, spec);
        var variantName = parse.GetValue(Variant) ?? (transportKind == TransportKind.Socket ? "asan" : "release");
        var variant = DextVariants.Parse(variantName);
        var transport = TransportFactory.Create(transportKind, target, variant, spec, TimeSpan.FromMilliseconds(parse.GetValue(CallTimeoutMs)), buildLog);
        return new Session(target, spec, transport, transportKind == TransportKind.IOKit ? "installed" : variantName);
    }
}

/// <summary>A dext ready to drive: its folder, spec, transport and the build variant in use.</summary>
public sealed record Session(DextTarget Target, DispatchSpec Spec, IDextTransport Transport, string Variant) : IDisposable
{
    public void Dispose() => Transport.Dispose();
}
