namespace ConformanceKit.Transports;

/// <summary>
/// A transport that can count the dext's live objects (the simulator): what rule objects.balance
/// judges. Reach it through <see cref="IDextTransport.Capability{T}"/>.
/// </summary>
public interface ILiveObjects
{
    /// <summary>Live OSObject instances per class name.</summary>
    IReadOnlyDictionary<string, long> LiveObjects();
}
