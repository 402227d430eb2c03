namespace ConformanceKit.Transports;

/// <summary>
/// A transport that runs the dext in a process of its own (dexthost), which a supervisor may kill to
/// cut a call in flight short. Reach it through <see cref="IDextTransport.Capability{T}"/>.
/// </summary>
public interface IHostProcess
{
    /// <summary>The running host's process id (null between a crash or hang and the next call).</summary>
    int? HostProcessId { get; }
}
