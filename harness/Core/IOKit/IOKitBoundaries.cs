namespace ConformanceKit.IOKit;

/// <summary>
/// The counts and sizes where dispatch bugs live, beyond a selector's own declared values: IOKit's
/// limits (<see cref="IOKitLimits"/>) and the values either side of them. The property generators, the
/// fuzzer's byte decoder and seeds, and the fake dext all take them from here, so a program the
/// fuzzer finds and one the properties generate probe the same edges.
/// </summary>
public static class IOKitBoundaries
{
    /// <summary>The first scalar count IOKit refuses (17): MIG_ARRAY_TOO_LARGE before the dext runs.</summary>
    public const uint ScalarCountPastLimit = IOKitLimits.MaxScalars + 1;

    /// <summary>The smallest structure that travels out of line, as a memory descriptor (4097).</summary>
    public const uint FirstOutOfLineSize = IOKitLimits.MaxInbandStruct + 1;

    /// <summary>
    /// sizeof(OversizedDataStruct) of Apple's DriverKit user-client sample (4104: two 64-bit fields and
    /// 511 more; docs/driverkit-semantics.md, "The NullDriver sample"): the size a dext that copies a
    /// fixed structure out writes, so capacities from <see cref="FirstOutOfLineSize"/> up to it are
    /// written past their end.
    /// </summary>
    public const uint SampleOversizedStruct = 4104;

    /// <summary>Structure sizes at the in-band limit: the largest in-band size, the limit's own, the first out of line (4095–4097).</summary>
    public static readonly uint[] AtInbandLimit = [IOKitLimits.MaxInbandStruct - 1, IOKitLimits.MaxInbandStruct, FirstOutOfLineSize];

    /// <summary>Structure sizes around the sample's oversized structure (4103–4105).</summary>
    public static readonly uint[] AroundSampleOversized = [SampleOversizedStruct - 1, SampleOversizedStruct, SampleOversizedStruct + 1];

    /// <summary>
    /// The count or size a generator uses for a dispatch entry's variable (unchecked) count or size
    /// when it needs one number: the scalar limit, which is also a small structure.
    /// </summary>
    public const uint VariableNominal = IOKitLimits.MaxScalars;
}
