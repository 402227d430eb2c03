namespace ConformanceKit.Oracle;

/// <summary>The model of one slot's connection: whether it is open, its registered callback, what it is owed.</summary>
public sealed class ConnectionModel
{
    public ulong Handle { get; set; }
    public bool IsOpen { get; set; }

    /// <summary>The refcon of the registered callback, null before registration.</summary>
    public ulong? CallbackRefcon { get; set; }

    public List<OwedCompletion> Owed { get; } = [];

    /// <summary>
    /// The device under the service was unplugged: the kernel terminated the user client, so nothing is
    /// owed any more and every call is refused (kIOReturnNotAttached) by the kernel, not by the dext —
    /// no dispatch rule is judged on it. The app still closes its handle.
    /// </summary>
    public bool Terminated { get; set; }

    public void Reset()
    {
        Handle = 0;
        IsOpen = false;
        Terminated = false;
        CallbackRefcon = null;
        Owed.Clear();
    }
}
