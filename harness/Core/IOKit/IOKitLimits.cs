namespace ConformanceKit.IOKit;

/// <summary>
/// What IOKit carries between an app and a dext's user client. Every part of the harness that
/// generates, decodes or judges a call reads these; dext/include/dksim.h holds the runtime's twins
/// (DKSIM_MAX_SCALARS, DKSIM_MAX_INBAND_STRUCT, DKSIM_ASYNC_REF_COUNT, DKSIM_MAX_COMPLETION_ARGS).
/// </summary>
public static class IOKitLimits
{
    /// <summary>Scalars each way (IOKitLib's MIG interface; more inputs fail in the app's process with MIG_ARRAY_TOO_LARGE).</summary>
    public const int MaxScalars = 16;

    /// <summary>Structure bytes that travel in-band (sizeof(io_struct_inband_t)); larger ones go as memory descriptors.</summary>
    public const int MaxInbandStruct = 4096;

    /// <summary>Words of an async reference (kOSAsyncRef64Count).</summary>
    public const int AsyncReferenceCount = 8;

    /// <summary>Arguments of one AsyncCompletion (kMaxAsyncArgs).</summary>
    public const int MaxCompletionArgs = 16;
}
