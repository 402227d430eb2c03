namespace ConformanceKit.Transports.Socket;

/// <summary>The dispatch entries the dext passed to IOUserClient::ExternalMethod, through dexthost's TakeDispatchEntries (protocol 6).</summary>
public sealed partial class SocketTransport : IDispatchEntries
{
    public void TakeDispatchEntries(List<DispatchEntry> sink) => Client().TakeDispatchEntries(sink);
}
