namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>
/// IOKit constants the transport depends on, under Apple's names. Every value is listed with its
/// header and line in the header table of the tests (harness/Tests/Transports/MacOS/HeaderTable/ConstantTable.cs), and a test compares the two.
/// </summary>
internal static class IOKitConstants
{
    /// <summary>IOKitLib.h documents kIOMainPortDefault as a synonym for NULL (MACH_PORT_NULL).</summary>
    public const uint kIOMainPortDefault = 0;

    /// <summary>msgh_id of every IOKit notification message, async completions included.</summary>
    public const int kOSNotificationMessageID = 53;

    /// <summary>OSNotificationHeader64.type of an async completion (low 12 bits).</summary>
    public const uint kIOAsyncCompletionNotificationType = 150;

    /// <summary>The bits of OSNotificationHeader64.type that hold the notification type (Apple's spelling).</summary>
    public const uint kIOKitNoticationTypeMask = 0x00000FFF;

    /// <summary>Where the type word keeps the count of padding bytes to ignore at the end of the message.</summary>
    public const int kIOKitNoticationTypeSizeAdjShift = 30;

    /// <summary>Mask of that padding count once shifted down.</summary>
    public const uint kIOKitNoticationMsgSizeMask = 3;

    /// <summary>Most arguments an async completion carries.</summary>
    public const int kMaxAsyncArgs = 16;

    /// <summary>Async reference index the kernel fills with the wake port (and zeroes in the reply).</summary>
    public const int kIOAsyncReservedIndex = 0;

    /// <summary>Async reference index of the app's callback function.</summary>
    public const int kIOAsyncCalloutFuncIndex = 1;

    /// <summary>Async reference index of the app's refcon.</summary>
    public const int kIOAsyncCalloutRefconIndex = 2;

    /// <summary>First async reference index IOKitLib leaves to the app.</summary>
    public const int kIOAsyncCalloutCount = 3;

    /// <summary>Entries in an OSAsyncReference64 (uint64 each).</summary>
    public const int kOSAsyncRef64Count = 8;

    /// <summary>Notification type: fires once per service, for services already registered and for later ones.</summary>
    public const string kIOFirstMatchNotification = "IOServiceFirstMatch";

    /// <summary>What IOUserServer::rpc answers once the dext's server is inactive (its process is gone).</summary>
    public const uint kIOReturnOffline = 0xE00002D7;
}
