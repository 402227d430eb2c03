namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>
/// Mach constants for receiving completion messages, under Apple's names; checked against
/// the header table of the tests (harness/Tests/Transports/MacOS/HeaderTable/ConstantTable.cs) by a test.
/// </summary>
internal static class MachConstants
{
    public const uint MACH_PORT_NULL = 0;
    public const int KERN_SUCCESS = 0;

    /// <summary>mach_msg option: receive.</summary>
    public const int MACH_RCV_MSG = 0x00000002;

    /// <summary>mach_msg option: the timeout applies to the receive (with 0: poll, never block).</summary>
    public const int MACH_RCV_TIMEOUT = 0x00000100;

    /// <summary>The zero timeout; with MACH_RCV_TIMEOUT it makes a receive a poll.</summary>
    public const uint MACH_MSG_TIMEOUT_NONE = 0;

    public const int MACH_MSG_SUCCESS = 0x00000000;

    /// <summary>No message was queued (the poll found the port empty).</summary>
    public const int MACH_RCV_TIMED_OUT = 0x10004003;

    /// <summary>The message did not fit; without MACH_RCV_LARGE the kernel drops it.</summary>
    public const int MACH_RCV_TOO_LARGE = 0x10004004;

    /// <summary>The destination port is dead: a connection whose user client is gone.</summary>
    public const int MACH_SEND_INVALID_DEST = 0x10000003;

    /// <summary>msgh_bits flag of a message carrying descriptors (ports or out-of-line memory).</summary>
    public const uint MACH_MSGH_BITS_COMPLEX = 0x80000000;

    /// <summary>mach_task_self() is a macro reading this exported variable, so it is found with dlsym.</summary>
    public const string mach_task_self_ = "mach_task_self_";
}
