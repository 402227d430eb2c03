namespace ConformanceKit.Transports;

/// <summary>
/// AFL's coverage map as afl-fuzz hands it to a target: mapped into this process (SharpFuzz's
/// pointer) and, when afl-fuzz made it, the System V segment it lives in (__AFL_SHM_ID).
/// </summary>
/// <param name="Address">Where the map is mapped in this process.</param>
/// <param name="ShmId">The segment's id, for a dext in another process; null when there is none.</param>
/// <param name="Size">Bytes of the map.</param>
public readonly record struct AflCoverageMap(nint Address, int? ShmId, int Size);

/// <summary>
/// A transport whose dext build records SanitizerCoverage edges (the cov builds), which can send
/// them into AFL's map beside the managed edges. Reach it through <see cref="IDextTransport.Capability{T}"/>.
/// </summary>
public interface ICoverageMap
{
    /// <summary>True when the loaded build records edges.</summary>
    bool HasCoverage { get; }

    /// <summary>Edges the build has instrumented.</summary>
    uint CoverageEdges { get; }

    /// <summary>Sends the dext's edges into the map, the way this transport can reach it (a transport that needs the segment does nothing without one).</summary>
    void AttachCoverageMap(AflCoverageMap map);
}
