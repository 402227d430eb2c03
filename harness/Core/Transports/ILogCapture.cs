namespace ConformanceKit.Transports;

/// <summary>
/// A transport that captures what the dext logs (the simulator), per connection: shown with a
/// finding. Reach it through <see cref="IDextTransport.Capability{T}"/>.
/// </summary>
public interface ILogCapture
{
    /// <summary>The dext's log for a connection (0: outside any connection).</summary>
    string ReadLog(ulong connection);
}

/// <summary>A log capture that can be turned off, so the dext's log calls cost nothing (the fuzz target's verdict needs no log).</summary>
public interface ISwitchableLogCapture : ILogCapture
{
    /// <summary>Off, <see cref="ILogCapture.ReadLog"/> returns "".</summary>
    void SetLogCapture(bool enabled);
}
