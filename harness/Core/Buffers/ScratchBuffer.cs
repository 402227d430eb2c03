namespace ConformanceKit.Buffers;

/// <summary>
/// A byte buffer reused from one use to the next, grown when a use needs more than it has. Kept out of
/// the namespaces the fuzz target instruments (fuzz/Campaign/TargetBuild.cs): whether it grows depends
/// on the inputs that ran before, not on the one running, and a branch taken the first time an input
/// runs but not when AFL++ runs it again counts as instability.
/// </summary>
public sealed class ScratchBuffer(int initialSize)
{
    byte[] _bytes = new byte[initialSize];

    /// <summary>The first <paramref name="size"/> bytes, as last left (callers that need zeros clear them).</summary>
    public Span<byte> Take(ulong size)
    {
        if ((ulong)_bytes.Length < size) _bytes = new byte[Math.Max(size, (ulong)_bytes.Length * 2)];
        return _bytes.AsSpan(0, (int)size);
    }
}
