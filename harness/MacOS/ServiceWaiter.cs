using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConformanceKit.Transports.MacOS.Native;

namespace ConformanceKit.Transports.MacOS;

/// <summary>
/// Waits for a service to be registered: IOServiceAddMatchingNotification with
/// kIOFirstMatchNotification on an IONotificationPort dispatched on the transport's queue
/// (IONotificationPortSetDispatchQueue). The iterator it returns already holds the services
/// registered so far and the notification is armed only once that iterator has been drained; the
/// callback drains it again for every later service. This is how a dext that is still starting (or
/// that the system is relaunching after a crash) is picked up. The iterator is only touched on the
/// queue, so a callback never races with the wait that owns it.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed unsafe class ServiceWaiter : IDisposable
{
    readonly SerialQueue _queue;
    readonly ManualResetEventSlim _matched = new();
    nint _port;
    GCHandle _self;

    public ServiceWaiter(SerialQueue queue)
    {
        _queue = queue;
        _port = IOKitFramework.IONotificationPortCreate(IOKitConstants.kIOMainPortDefault);
        if (_port == 0) throw new TransportSetupException("IONotificationPortCreate failed");
        IOKitFramework.IONotificationPortSetDispatchQueue(_port, queue.Handle);
        _self = GCHandle.Alloc(this);
    }

    /// <summary>True once a service whose name matches is registered; false when timeout passes first.</summary>
    /// <exception cref="TransportSetupException">the notification cannot be installed.</exception>
    public bool WaitFor(string serviceName, TimeSpan timeout)
    {
        uint notification = MachConstants.MACH_PORT_NULL;
        _matched.Reset();
        _queue.Sync(() =>
        {
            var matching = IOKitFramework.IOServiceNameMatching(serviceName);
            if (matching == 0) throw new TransportSetupException($"IOServiceNameMatching({serviceName}) failed");
            var status = IOKitFramework.IOServiceAddMatchingNotification(_port, IOKitConstants.kIOFirstMatchNotification, matching,
                (nint)(delegate* unmanaged<void*, uint, void>)&OnMatched, (void*)GCHandle.ToIntPtr(_self), out notification);
            if (status != MachConstants.KERN_SUCCESS)
                throw new TransportSetupException($"IOServiceAddMatchingNotification({serviceName}) failed with {new IOKit.IOReturn((uint)status)}");
            if (Drain(notification)) _matched.Set();
        });
        try
        {
            return _matched.Wait(timeout);
        }
        finally
        {
            // Releasing the iterator ends the notification; IOKitLib skips a message already queued
            // for it (it checks the notifier's send rights before calling back).
            if (notification != MachConstants.MACH_PORT_NULL) _queue.Sync(() => IOKitFramework.IOObjectRelease(notification));
        }
    }

    /// <summary>Takes (and releases) every service in the iterator; true if there was any. Re-arms the notification.</summary>
    static bool Drain(uint iterator)
    {
        var any = false;
        uint service;
        while ((service = IOKitFramework.IOIteratorNext(iterator)) != MachConstants.MACH_PORT_NULL)
        {
            any = true;
            IOKitFramework.IOObjectRelease(service);
        }
        return any;
    }

    /// <summary>IOServiceMatchingCallback: runs on the queue.</summary>
    [UnmanagedCallersOnly]
    static void OnMatched(void* refcon, uint iterator)
    {
        try
        {
            var waiter = (ServiceWaiter)GCHandle.FromIntPtr((nint)refcon).Target!;
            if (Drain(iterator)) waiter._matched.Set();
        }
        catch (Exception)
        {
            // Nothing may unwind into IOKitLib; a missed wake-up surfaces as the wait's timeout.
        }
    }

    /// <summary>Destroys the port on the queue, so no callback is running while the handle is freed.</summary>
    public void Dispose()
    {
        if (_port == 0) return;
        var port = _port;
        _port = 0;
        _queue.Sync(() => IOKitFramework.IONotificationPortDestroy(port));
        _self.Free();
        _matched.Dispose();
    }
}
