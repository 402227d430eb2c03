namespace ConformanceKit.Transports.MacOS;

/// <summary>
/// Completions received on the dispatch queue, held per connection until the runner takes them.
/// Written from the queue's thread, read from the runner's, hence the lock. A completion for a
/// connection that is not open (closed, or opened before the last reset) is dropped, as the kernel
/// drops one sent after close.
/// </summary>
internal sealed class CompletionInbox
{
    readonly Lock _lock = new();
    readonly Dictionary<ulong, List<AsyncCompletion>> _open = [];

    /// <summary>Completions that arrived for no open connection.</summary>
    public long Dropped { get; private set; }

    public void Open(ulong connection)
    {
        lock (_lock) _open[connection] = [];
    }

    public void Close(ulong connection)
    {
        lock (_lock) _open.Remove(connection);
    }

    public void Clear()
    {
        lock (_lock) _open.Clear();
    }

    public void Deliver(ulong connection, AsyncCompletion completion)
    {
        lock (_lock)
        {
            if (_open.TryGetValue(connection, out var queue)) queue.Add(completion);
            else Dropped++;
        }
    }

    /// <summary>Moves the connection's completions into sink, oldest first.</summary>
    public void TakeInto(ulong connection, List<AsyncCompletion> sink)
    {
        lock (_lock)
        {
            if (!_open.TryGetValue(connection, out var queue)) return;
            sink.AddRange(queue);
            queue.Clear();
        }
    }
}
