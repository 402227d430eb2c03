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
        DefaultValueFactory = _ => "socket",
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

    public Option<int> CallTimeoutMs { get; } = new("--call-timeout-ms")
    {
        Description = "Socket transport: a dext that does not answer a call within this time is a hang finding; iokit: how long to wait for the service to be registered",
        DefaultValueFactory = _ => 5000,
    };

    public TargetOptions()
    {
        Transport.AcceptOnlyFromAmong("inproc", "socket", "iokit");
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

    /// <summary>Resolves the options: loads the spec, builds the dext variant, opens the transport.</summary>
    /// <param name="defaultDext">The dext folder to use when --dext is not given (else dext/NullDriver).</param>
    public Session Open(ParseResult parse, string? defaultDext = null, TextWriter? buildLog = null)
    {
        var transportKind = parse.GetValue(Transport)!;
        var dextDir = parse.GetValue(Dext) ?? defaultDext ?? Path.Combine(RepositoryLayout.Root, "dext", "NullDriver");
        var target = DextTarget.Resolve(dextDir, parse.GetValue(Spec));
        var spec = target.LoadSpec();
        if (parse.GetValue(Service) is { } service) spec = spec with { Service = service };
        var variantName = parse.GetValue(Variant) ?? (transportKind == "socket" ? "asan" : "release");
        var variant = DextVariants.Parse(variantName);
        var transport = TransportFactory.Create(transportKind, target, variant, spec, TimeSpan.FromMilliseconds(parse.GetValue(CallTimeoutMs)), buildLog);
        return new Session(target, spec, transport, transportKind == "iokit" ? "installed" : variantName);
    }
}

/// <summary>A dext ready to drive: its folder, spec, transport and the build variant in use.</summary>
public sealed record Session(DextTarget Target, DispatchSpec Spec, IDextTransport Transport, string Variant) : IDisposable
{
    public void Dispose() => Transport.Dispose();
}
