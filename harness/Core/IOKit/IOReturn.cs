using System.Collections.Frozen;
using System.Globalization;

namespace ConformanceKit.IOKit;

/// <summary>
/// An IOReturn (kern_return_t) as IOKit returns it to an app. Formats as
/// "kIOReturnBadArgument (0xe00002c2)" and decodes mach-error style: system = bits 26–31,
/// subsystem = bits 14–25, code = bits 0–13 (mach/error.h err_get_system/err_get_sub/err_get_code).
/// </summary>
public readonly record struct IOReturn(uint Value)
{
    const uint IOKitCommonBase = 0xE0000000; // err_system(0x38) | err_sub(0)

    public static readonly IOReturn Success = new(0);
    public static readonly IOReturn Error = Common(0x2BC);
    public static readonly IOReturn NoMemory = Common(0x2BD);
    public static readonly IOReturn IPCError = Common(0x2BF);
    public static readonly IOReturn NoDevice = Common(0x2C0);
    public static readonly IOReturn NotPrivileged = Common(0x2C1);
    public static readonly IOReturn BadArgument = Common(0x2C2);
    public static readonly IOReturn ExclusiveAccess = Common(0x2C5);
    public static readonly IOReturn Unsupported = Common(0x2C7);
    public static readonly IOReturn NotOpen = Common(0x2CD);
    public static readonly IOReturn NotWritable = Common(0x2CF);
    public static readonly IOReturn Busy = Common(0x2D5);
    public static readonly IOReturn Timeout = Common(0x2D6);
    public static readonly IOReturn NotReady = Common(0x2D8);
    public static readonly IOReturn NoSpace = Common(0x2DB);
    public static readonly IOReturn CannotWire = Common(0x2DE);
    public static readonly IOReturn MessageTooLarge = Common(0x2E1);
    public static readonly IOReturn NotPermitted = Common(0x2E2);
    public static readonly IOReturn Overrun = Common(0x2E8);
    public static readonly IOReturn NoCompletion = Common(0x2EA);
    public static readonly IOReturn Aborted = Common(0x2EB);

    /// <summary>MIG_ARRAY_TOO_LARGE (-307): IOConnectCallMethod with more than 16 scalars; the dext never runs.</summary>
    public static readonly IOReturn MigArrayTooLarge = new(unchecked((uint)-307));

    /// <summary>
    /// Every code of IOKit's common subsystem, as DriverKit's IOReturn.h defines them (the same list as
    /// xnu's iokit/IOKit/IOReturn.h; dext/runtime/include/DriverKit/IOReturn.h is the runtime's copy and
    /// a test keeps the two equal), plus MIG_ARRAY_TOO_LARGE, which IOKitLib returns before the dext runs.
    /// </summary>
    static readonly (string Name, uint Value)[] Table =
    [
        ("kIOReturnSuccess", 0), ("kIOReturnError", 0x2BC), ("kIOReturnNoMemory", 0x2BD), ("kIOReturnNoResources", 0x2BE),
        ("kIOReturnIPCError", 0x2BF), ("kIOReturnNoDevice", 0x2C0), ("kIOReturnNotPrivileged", 0x2C1), ("kIOReturnBadArgument", 0x2C2),
        ("kIOReturnLockedRead", 0x2C3), ("kIOReturnLockedWrite", 0x2C4), ("kIOReturnExclusiveAccess", 0x2C5), ("kIOReturnBadMessageID", 0x2C6),
        ("kIOReturnUnsupported", 0x2C7), ("kIOReturnVMError", 0x2C8), ("kIOReturnInternalError", 0x2C9), ("kIOReturnIOError", 0x2CA),
        ("kIOReturnCannotLock", 0x2CC), ("kIOReturnNotOpen", 0x2CD), ("kIOReturnNotReadable", 0x2CE), ("kIOReturnNotWritable", 0x2CF),
        ("kIOReturnNotAligned", 0x2D0), ("kIOReturnBadMedia", 0x2D1), ("kIOReturnStillOpen", 0x2D2), ("kIOReturnRLDError", 0x2D3),
        ("kIOReturnDMAError", 0x2D4), ("kIOReturnBusy", 0x2D5), ("kIOReturnTimeout", 0x2D6), ("kIOReturnOffline", 0x2D7),
        ("kIOReturnNotReady", 0x2D8), ("kIOReturnNotAttached", 0x2D9), ("kIOReturnNoChannels", 0x2DA), ("kIOReturnNoSpace", 0x2DB),
        ("kIOReturnPortExists", 0x2DD), ("kIOReturnCannotWire", 0x2DE), ("kIOReturnNoInterrupt", 0x2DF), ("kIOReturnNoFrames", 0x2E0),
        ("kIOReturnMessageTooLarge", 0x2E1), ("kIOReturnNotPermitted", 0x2E2), ("kIOReturnNoPower", 0x2E3), ("kIOReturnNoMedia", 0x2E4),
        ("kIOReturnUnformattedMedia", 0x2E5), ("kIOReturnUnsupportedMode", 0x2E6), ("kIOReturnUnderrun", 0x2E7), ("kIOReturnOverrun", 0x2E8),
        ("kIOReturnDeviceError", 0x2E9), ("kIOReturnNoCompletion", 0x2EA), ("kIOReturnAborted", 0x2EB), ("kIOReturnNoBandwidth", 0x2EC),
        ("kIOReturnNotResponding", 0x2ED), ("kIOReturnIsoTooOld", 0x2EE), ("kIOReturnIsoTooNew", 0x2EF), ("kIOReturnNotFound", 0x2F0),
        ("kIOReturnInvalid", 0x1),
    ];

    static readonly FrozenDictionary<uint, string> Names = Table
        .Select(entry => (Name: entry.Name, Value: entry.Value == 0 ? 0 : IOKitCommonBase | entry.Value))
        .Append((Name: "MIG_ARRAY_TOO_LARGE", Value: MigArrayTooLarge.Value))
        .ToFrozenDictionary(entry => entry.Value, entry => entry.Name);

    static readonly FrozenDictionary<string, IOReturn> ByName =
        Names.ToFrozenDictionary(pair => pair.Value, pair => new IOReturn(pair.Key), StringComparer.Ordinal);

    static IOReturn Common(uint code) => new(IOKitCommonBase | code);

    public bool IsSuccess => Value == 0;

    /// <summary>err_get_system: bits 26–31 (0x38 for iokit).</summary>
    public uint System => (Value >> 26) & 0x3F;

    /// <summary>err_get_sub: bits 14–25 (0 for iokit/common).</summary>
    public uint Subsystem => (Value >> 14) & 0xFFF;

    /// <summary>err_get_code: bits 0–13.</summary>
    public uint Code => Value & 0x3FFF;

    /// <summary>The kIOReturn* name, or null for a code this table does not know.</summary>
    public string? Name => Names.GetValueOrDefault(Value);

    public static IReadOnlyCollection<IOReturn> Known { get; } = Names.Keys.Select(v => new IOReturn(v)).ToArray();

    /// <summary>Parses "kIOReturnBadArgument", "BadArgument", "MIG_ARRAY_TOO_LARGE", "0xe00002c2" or a decimal.</summary>
    public static bool TryParse(string text, out IOReturn result)
    {
        var trimmed = text.Trim();
        if (ByName.TryGetValue(trimmed, out result) || ByName.TryGetValue("kIOReturn" + trimmed, out result))
            return true;
        if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(trimmed.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            result = new IOReturn(hex);
            return true;
        }
        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
        {
            result = new IOReturn(unchecked((uint)signed));
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>mach_error_string-like description: "(iokit/common) code 0x2c2".</summary>
    public string Describe()
    {
        if (IsSuccess) return "(os/kern) successful";
        var system = System == 0x38 ? "iokit" : $"system 0x{System:x}";
        var subsystem = Subsystem == 0 ? "common" : $"sub 0x{Subsystem:x}";
        return $"({system}/{subsystem}) code 0x{Code:x}";
    }

    public override string ToString() =>
        Name is { } name ? $"{name} (0x{Value:x8})" : $"0x{Value:x8} {Describe()}";
}
