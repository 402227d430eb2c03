namespace ConformanceKit.Oracle;

/// <summary>The conformance rules, by the stable ids used in findings, reports and the CLI.</summary>
public static class Rules
{
    public const string DispatchShape = "dispatch.shape";
    public const string DispatchAccept = "dispatch.accept";
    public const string SelectorRange = "selector.range";
    public const string MemorySafety = "memory.safety";
    public const string AsyncRegisterBeforeRequest = "async.register-before-request";
    public const string AsyncDelivery = "async.delivery";
    public const string ObjectsBalance = "objects.balance";
    public const string AccessEntitlement = "access.entitlement";
    public const string HidReports = "hid.reports";
    /// <summary>The runtime reports these itself (dext/runtime/src/device/Violations.h holds the same ids).</summary>
    public const string DeviceStoppedIO = "device.io-after-stop";
    public const string DeviceDmaBalance = "device.dma-balance";
    /// <summary>Judged from the dispatch entries the runtime saw (harness/Core/Spec/Draft/SpecDrift.cs), before any program runs.</summary>
    public const string SpecDispatch = "spec.dispatch";

    public static readonly IReadOnlyList<string> All =
    [
        DispatchShape, DispatchAccept, SelectorRange, MemorySafety,
        AsyncRegisterBeforeRequest, AsyncDelivery, ObjectsBalance, AccessEntitlement, HidReports,
        DeviceStoppedIO, DeviceDmaBalance, SpecDispatch,
    ];

    public static string Describe(string rule) => rule switch
    {
        DispatchShape => "a call to a checked selector whose shape violates its dispatch entry returns kIOReturnBadArgument and never reaches the handler",
        DispatchAccept => "a well-shaped call succeeds and returns outputs of the declared shape (and the declared values)",
        SelectorRange => "a selector outside the table is refused with the spec's error, and nothing crashes",
        MemorySafety => "no call sequence crashes the dext, hangs it or trips a sanitizer",
        AsyncRegisterBeforeRequest => "an async request before a callback is registered is refused and delivers nothing",
        AsyncDelivery => "after registration every accepted request yields exactly one completion, with the expected status and arguments, in time; nothing arrives after close",
        ObjectsBalance => "closing the connections leaves no leaked OSAction/OSData (live-object counters return to their baseline)",
        AccessEntitlement => "a client without the required entitlement cannot open the user client",
        HidReports => "every HID report descriptor the dext's devices return is well-formed, and every report they post fits its descriptor and the spec's hid: bounds",
        DeviceStoppedIO => "no transfer or register access is started on a device after the service's Stop or the device's unplugging",
        DeviceDmaBalance => "every DMA command the dext prepares is completed before the command or its service goes away",
        SpecDispatch => "the spec's selectors, completion rules, counts and sizes, access policy and out-of-range result are those of the dext's dispatch entries (`spec diff`)",
        _ => rule,
    };
}
