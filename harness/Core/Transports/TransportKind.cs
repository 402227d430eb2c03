namespace ConformanceKit.Transports;

/// <summary>How the harness reaches a dext (<see cref="IDextTransport"/>).</summary>
public enum TransportKind
{
    /// <summary>P/Invoke into lib&lt;dext&gt;.so, in the harness's own process: fastest, no crash isolation.</summary>
    InProcess,

    /// <summary>dexthost over a Unix socket: survives the dext's crashes and hangs.</summary>
    Socket,

    /// <summary>IOKit.framework on a Mac, to the installed dext.</summary>
    IOKit,
}

/// <summary>
/// The one place a <see cref="TransportKind"/> becomes the word users type and read (--transport,
/// replay commands, check JSON, campaign records, CK_FUZZ_TRANSPORT) and back.
/// </summary>
public static class TransportKinds
{
    /// <summary>The words, as constants for code that must not call into this assembly (the fuzz target before SharpFuzz's map exists).</summary>
    public const string InProcessName = "inproc", SocketName = "socket", IOKitName = "iokit";

    /// <summary>Every kind, in the order help and errors list them.</summary>
    public static readonly IReadOnlyList<TransportKind> All = [TransportKind.InProcess, TransportKind.Socket, TransportKind.IOKit];

    /// <summary>The words of <see cref="All"/>: inproc, socket, iokit.</summary>
    public static readonly IReadOnlyList<string> Names = [.. All.Select(Name)];

    public static string Name(this TransportKind kind) => kind switch
    {
        TransportKind.InProcess => InProcessName,
        TransportKind.Socket => SocketName,
        TransportKind.IOKit => IOKitName,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? name, out TransportKind kind)
    {
        foreach (var candidate in All)
        {
            if (candidate.Name() != name) continue;
            kind = candidate;
            return true;
        }
        kind = default;
        return false;
    }

    /// <summary>The kind a word names.</summary>
    /// <exception cref="TransportSetupException">a word that names no transport (one line: the word and the choices).</exception>
    public static TransportKind Parse(string name) =>
        TryParse(name, out var kind) ? kind : throw new TransportSetupException($"unknown transport '{name}' ({string.Join(", ", Names)})");
}
