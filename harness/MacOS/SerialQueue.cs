using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConformanceKit.Transports.MacOS.Native;

namespace ConformanceKit.Transports.MacOS;

/// <summary>
/// A serial dispatch queue: notification callbacks and completion receives run on it, and
/// <see cref="Sync"/> runs transport code on it too, so IOKit objects the callbacks touch (a
/// notification's iterator, the receive buffer) are only ever used from that one queue.
/// Never call <see cref="Sync"/> from the queue itself: dispatch_sync onto the current serial queue
/// deadlocks.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed unsafe class SerialQueue : IDisposable
{
    public nint Handle { get; private set; }

    public SerialQueue(string label)
    {
        Handle = DispatchCalls.dispatch_queue_create(label, DispatchConstants.DISPATCH_QUEUE_SERIAL);
        if (Handle == 0) throw new TransportSetupException($"dispatch_queue_create({label}) failed");
    }

    /// <summary>Runs work on the queue and waits for it; an exception it throws is rethrown here.</summary>
    public void Sync(Action work)
    {
        ObjectDisposedException.ThrowIf(Handle == 0, this);
        var job = new Job(work);
        var handle = GCHandle.Alloc(job);
        try
        {
            DispatchCalls.dispatch_sync_f(Handle, (void*)GCHandle.ToIntPtr(handle), (nint)(delegate* unmanaged<void*, void>)&Run);
        }
        finally
        {
            handle.Free();
        }
        job.Failure?.Throw();
    }

    public void Dispose()
    {
        if (Handle == 0) return;
        DispatchCalls.dispatch_release(Handle); // sources targeting it hold their own retain
        Handle = 0;
    }

    sealed class Job(Action work)
    {
        public Action Work { get; } = work;
        public ExceptionDispatchInfo? Failure { get; set; }
    }

    /// <summary>dispatch_function_t: an exception must not unwind into libdispatch, so it is carried back.</summary>
    [UnmanagedCallersOnly]
    static void Run(void* context)
    {
        var job = (Job)GCHandle.FromIntPtr((nint)context).Target!;
        try
        {
            job.Work();
        }
        catch (Exception e)
        {
            job.Failure = ExceptionDispatchInfo.Capture(e);
        }
    }
}
