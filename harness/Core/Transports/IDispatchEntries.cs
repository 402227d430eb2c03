namespace ConformanceKit.Transports;

/// <summary>
/// A transport that tells which <c>IOUserClientMethodDispatch</c> entry the dext passed to the default
/// <c>IOUserClient::ExternalMethod</c> for each call (dksim_take_dispatch_entries): what
/// <c>spec init</c> drafts a spec from and <c>spec diff</c> compares a spec with. A selector the dext
/// answers without reaching <c>super::ExternalMethod</c> records nothing. The simulator's transports;
/// reach it through <see cref="IDextTransport.Capability{T}"/>.
/// </summary>
public interface IDispatchEntries
{
    /// <summary>Every entry recorded since the last take (or reset), first recorded first, into sink.</summary>
    void TakeDispatchEntries(List<DispatchEntry> sink);
}
