namespace ConformanceKit.Transports.InProcess;

/// <summary>The dispatch entries the dext passed to IOUserClient::ExternalMethod, through dksim_take_dispatch_entries.</summary>
public sealed unsafe partial class InProcessTransport : IDispatchEntries
{
    public void TakeDispatchEntries(List<DispatchEntry> sink)
    {
        var batch = stackalloc NativeDispatchEntry[64];
        while (true)
        {
            uint count = 0;
            if (_library.TakeDispatchEntries(batch, 64, &count) != 0 || count == 0) return;
            for (var k = 0; k < count; k++)
            {
                var e = batch[k];
                sink.Add(new DispatchEntry(e.Connection, e.Selector, (DispatchEntryFlags)e.Flags, e.CheckCompletionExists, e.CheckScalarInputCount,
                    e.CheckStructureInputSize, e.CheckScalarOutputCount, e.CheckStructureOutputSize, e.Calls));
            }
        }
    }
}
