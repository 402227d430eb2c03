namespace ConformanceKit.Transports;

/// <summary>The transport cannot be used at all (missing library, host that does not start, wrong OS).</summary>
public sealed class TransportSetupException(string message, Exception? inner = null) : Exception(message, inner);
