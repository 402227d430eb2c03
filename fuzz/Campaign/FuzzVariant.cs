using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz;

/// <summary>
/// How the target reaches the dext during a campaign. Fast: the cov build called in-process (no
/// crash isolation, no ASan — memory errors go unseen unless they fault). Asan: the asan-cov build
/// in its own dexthost (every out-of-bounds access is a finding, at the price of a round trip per call).
/// </summary>
public enum FuzzVariant
{
    Fast,
    Asan,
}

public static class FuzzVariants
{
    public static FuzzVariant Parse(string text) => text switch
    {
        "fast" => FuzzVariant.Fast,
        "asan" => FuzzVariant.Asan,
        _ => throw new ArgumentException($"unknown fuzz variant '{text}' (fast, asan)"),
    };

    public static string Name(this FuzzVariant variant) => variant == FuzzVariant.Fast ? "fast" : "asan";

    public static TransportKind Transport(this FuzzVariant variant) => variant == FuzzVariant.Fast ? TransportKind.InProcess : TransportKind.Socket;

    public static DextVariant Build(this FuzzVariant variant) => variant == FuzzVariant.Fast ? DextVariant.Cov : DextVariant.AsanCov;

    /// <summary>The binary the target loads: the library in-process, or dexthost.</summary>
    public static string Binary(this FuzzVariant variant, DextTarget target) =>
        variant == FuzzVariant.Fast ? target.LibraryPath(variant.Build()) : target.HostPath(variant.Build());
}
