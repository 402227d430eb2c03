namespace ConformanceKit.Transports.Socket;

/// <summary>
/// The dexthost wire protocol this harness speaks (dext/host/src/Ops.h kProtocolVersion, PROTOCOL.md
/// "Versioning"; tests/Repository/Seams holds the two equal). A host that answers AbiVersion with
/// another one is refused before any other request.
/// </summary>
internal static class HostProtocol
{
    public const uint Version = 8;
}
