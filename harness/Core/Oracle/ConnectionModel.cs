namespace ConformanceKit.Oracle;

/// <summary>The model of one slot's connection: whether it is open, its registered callback, what it is owed.</summary>
public sealed class ConnectionModel
{
    public ulong Handle { get; set; }
    public bool IsOpen { get; set; }

    /// <summary>The refcon of the registered callback, null before registration.</summary>
    public ulong? CallbackRefcon { get; set; }

    public List<OwedCompletion> Owed { get; } = [];

    public void Reset()
    {
        Handle = 0;
        IsOpen = false;
        CallbackRefcon = null;
        Owed.Clear();
    }
}
