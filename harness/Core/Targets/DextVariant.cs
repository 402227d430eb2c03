namespace ConformanceKit.Targets;

/// <summary>The builds of a dext (dext/build-dext.sh --variant).</summary>
public enum DextVariant
{
    /// <summary>-O2, no instrumentation.</summary>
    Release,
    /// <summary>ASan + UBSan: memory errors are caught as findings. Runs only inside dexthost.</summary>
    Asan,
    /// <summary>-O2 + SanitizerCoverage edges into the fuzzer's map.</summary>
    Cov,
    /// <summary>ASan + UBSan + SanitizerCoverage. Runs only inside dexthost.</summary>
    AsanCov,
}

public static class DextVariants
{
    public static string Name(this DextVariant variant) => variant switch
    {
        DextVariant.Release => "release",
        DextVariant.Asan => "asan",
        DextVariant.Cov => "cov",
        _ => "asan-cov",
    };

    public static bool HasAsan(this DextVariant variant) => variant is DextVariant.Asan or DextVariant.AsanCov;

    public static DextVariant Parse(string text) => text switch
    {
        "release" => DextVariant.Release,
        "asan" => DextVariant.Asan,
        "cov" => DextVariant.Cov,
        "asan-cov" => DextVariant.AsanCov,
        _ => throw new ArgumentException($"unknown variant '{text}' (release, asan, cov, asan-cov)"),
    };
}
