namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>libdispatch names the transport needs; checked against the header table of the tests (harness/Tests/Transports/MacOS/HeaderTable/ConstantTable.cs).</summary>
internal static class DispatchConstants
{
    /// <summary>queue.h defines DISPATCH_QUEUE_SERIAL as NULL: no attribute means a serial queue.</summary>
    public const int DISPATCH_QUEUE_SERIAL = 0;

    /// <summary>
    /// DISPATCH_SOURCE_TYPE_MACH_RECV is the address of this exported data symbol (source.h), so it is
    /// looked up with dlsym rather than declared as a function.
    /// </summary>
    public const string DISPATCH_SOURCE_TYPE_MACH_RECV = "_dispatch_source_type_mach_recv";
}
