using System.Runtime.InteropServices;

namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>
/// mach_msg_header_t as user space sees it: six 32-bit words, 24 bytes. Field names are Apple's so the
/// layout test can match them one to one.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MachMessageHeader
{
    public uint msgh_bits;
    public uint msgh_size;
    public uint msgh_remote_port;
    public uint msgh_local_port;
    public uint msgh_voucher_port;
    public int msgh_id;
}
