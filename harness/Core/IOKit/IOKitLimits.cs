namespace ConformanceKit.IOKit;

/// <summary>
/// What IOKit carries between an app and a dext's user client: the one place these numbers are
/// written. Every part of the harness that generates, decodes or judges a call reads them (the
/// boundaries worth testing around them are <see cref="IOKitBoundaries"/>); dext/include/dksim.h holds
/// the runtime's twins (DKSIM_MAX_SCALARS, DKSIM_MAX_INBAND_STRUCT, DKSIM_ASYNC_REF_COUNT, DKSIM_MAX_COMPLETION_ARGS), held
/// equal by tests/Repository/Seams/WireParityTests.cs. The sources cited are xnu's (names, not lines,
/// so they hold across releases; the release the macOS transport pins is in harness/Tests/Transports/MacOS/HeaderTable/AppleSource.cs).
/// </summary>
public static class IOKitLimits
{
    /// <summary>
    /// Scalars each way: kIOExternalMethodScalarInputCountMax and kIOExternalMethodScalarOutputCountMax
    /// (xnu/iokit/IOKit/IOUserClient.h), the length of io_scalar_inband64_t (xnu/osfmk/device/device_types.h).
    /// More inputs fail in the app's process, in IOKitLib's MIG stub, with MIG_ARRAY_TOO_LARGE; a larger
    /// output capacity is clamped to this.
    /// </summary>
    public const int MaxScalars = 16;

    /// <summary>
    /// Structure bytes that travel in-band: sizeof(io_struct_inband_t) (xnu/osfmk/device/device_types.h).
    /// Larger ones go as memory descriptors: is_io_connect_method (xnu/iokit/Kernel/IOUserClient.cpp)
    /// refuses an out-of-line input or output this size or smaller.
    /// </summary>
    public const int MaxInbandStruct = 4096;

    /// <summary>Words of an async reference: kOSAsyncRef64Count (xnu/iokit/IOKit/OSMessageNotification.h), the length of io_async_ref64_t.</summary>
    public const int AsyncReferenceCount = 8;

    /// <summary>Arguments of one AsyncCompletion: kMaxAsyncArgs (xnu/iokit/IOKit/OSMessageNotification.h).</summary>
    public const int MaxCompletionArgs = 16;

    /// <summary>
    /// A dispatch entry's count or size that is not checked: DriverKit's kIOUserClientVariableStructureSize
    /// (our runtime's twin in dext/runtime/include/DriverKit/IOUserClient.h), the kernel's
    /// kIOUCVariableStructureSize (xnu/iokit/IOKit/IOUserClient.h).
    /// </summary>
    public const uint VariableSize = 0xFFFFFFFF;
}
