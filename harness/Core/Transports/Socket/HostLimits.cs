namespace ConformanceKit.Transports.Socket;

/// <summary>
/// dexthost's caps on a request (PROTOCOL.md, "Malformed requests"). The host drops a client that
/// exceeds them, so the transport refuses such a call itself, with a message that says why.
/// </summary>
internal static class HostLimits
{
    public const int MaxStructBytes = 64 << 20;
    public const int MaxScalars = 256;
    public const int MaxAsyncReference = 8;
    public const int MaxStringBytes = 4096;
    public const int MaxAccessIds = 256;
    /// <summary>A device description (SetDevice) and one FeedDevice (DKSIM_MAX_DEVICE_DATA).</summary>
    public const int MaxDeviceBytes = 1 << 20;
    public const uint MaxViolations = 4096;
    public const uint MaxDispatchEntries = 4096;

    /// <summary>The largest request frame dexthost reads (Limits.h kMaxRequestFrame, plus the length field).</summary>
    public const int MaxRequestFrame = (64 << 20) + (64 << 10) + 4;

    /// <summary>The largest response: a 64 MiB text or struct output plus its fields.</summary>
    public const int MaxResponseFrame = (64 << 20) + (64 << 10);
}
