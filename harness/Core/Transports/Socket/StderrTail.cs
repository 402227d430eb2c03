using System.Text;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// The last bytes a process wrote to a stream, collected on a background task. A sanitizer report is
/// at the end of the host's stderr, so a bounded tail keeps it while a chatty dext cannot make the
/// harness's memory grow. A fork server's copies share the stream: each session reads what was
/// written since its <see cref="Position"/>, and waits for the server's line about its end.
/// </summary>
internal sealed class StderrTail
{
    public const int DefaultCapacity = 256 << 10;

    readonly byte[] _ring;
    readonly Task _reader;
    long _written;
    bool _ended;

    public StderrTail(Stream stream, int capacity = DefaultCapacity)
    {
        _ring = new byte[capacity];
        // A thread of its own: the read blocks for the host's whole life.
        _reader = Task.Factory.StartNew(() => Drain(stream), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Waits (bounded) until the stream has ended, so the text is complete.</summary>
    public bool WaitForEnd(TimeSpan timeout) => _reader.Wait(timeout);

    public string Text() => TextSince(0);

    /// <summary>Bytes written so far: where the text of whatever writes next begins.</summary>
    public long Position
    {
        get
        {
            lock (_ring) return _written;
        }
    }

    /// <summary>What was written from <paramref name="position"/> on (at most the last capacity bytes).</summary>
    public string TextSince(long position)
    {
        lock (_ring)
        {
            var length = (int)Math.Min(Math.Max(0, _written - position), _ring.Length);
            var start = (int)((_written - length) % _ring.Length);
            var bytes = new byte[length];
            var first = Math.Min(length, _ring.Length - start);
            Array.Copy(_ring, start, bytes, 0, first);
            Array.Copy(_ring, 0, bytes, first, length - first);
            return Encoding.UTF8.GetString(bytes);
        }
    }

    /// <summary>
    /// Waits (bounded) until the text written since <paramref name="position"/> satisfies
    /// <paramref name="done"/>, or the stream ends; false when it never did.
    /// </summary>
    public bool WaitUntil(long position, Func<string, bool> done, TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_ring)
        {
            while (true)
            {
                if (done(TextSince(position))) return true;
                var left = timeout - System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (_ended || left <= TimeSpan.Zero) return false;
                Monitor.Wait(_ring, left);
            }
        }
    }

    void Drain(Stream stream)
    {
        var buffer = new byte[16 << 10];
        try
        {
            int count;
            while ((count = stream.Read(buffer, 0, buffer.Length)) > 0)
                Append(buffer.AsSpan(0, count));
        }
        catch (IOException)
        {
            // The pipe broke with the process: what was read is the report.
        }
        catch (ObjectDisposedException)
        {
        }
        lock (_ring)
        {
            _ended = true;
            Monitor.PulseAll(_ring);
        }
    }

    void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_ring)
        {
            if (bytes.Length > _ring.Length)
            {
                _written += bytes.Length - _ring.Length;
                bytes = bytes[^_ring.Length..];
            }
            var offset = (int)(_written % _ring.Length);
            var first = Math.Min(bytes.Length, _ring.Length - offset);
            bytes[..first].CopyTo(_ring.AsSpan(offset));
            bytes[first..].CopyTo(_ring);
            _written += bytes.Length;
            Monitor.PulseAll(_ring);
        }
    }
}
