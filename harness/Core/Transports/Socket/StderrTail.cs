using System.Text;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// The last bytes a process wrote to a stream, collected on a background task. A sanitizer report is
/// at the end of the host's stderr, so a bounded tail keeps it while a chatty dext cannot make the
/// harness's memory grow.
/// </summary>
internal sealed class StderrTail
{
    public const int DefaultCapacity = 256 << 10;

    readonly byte[] _ring;
    readonly Task _reader;
    long _written;

    public StderrTail(Stream stream, int capacity = DefaultCapacity)
    {
        _ring = new byte[capacity];
        // A thread of its own: the read blocks for the host's whole life.
        _reader = Task.Factory.StartNew(() => Drain(stream), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Waits (bounded) until the stream has ended, so the text is complete.</summary>
    public bool WaitForEnd(TimeSpan timeout) => _reader.Wait(timeout);

    public string Text()
    {
        lock (_ring)
        {
            var length = (int)Math.Min(_written, _ring.Length);
            var start = (int)((_written - length) % _ring.Length);
            var bytes = new byte[length];
            var first = Math.Min(length, _ring.Length - start);
            Array.Copy(_ring, start, bytes, 0, first);
            Array.Copy(_ring, 0, bytes, first, length - first);
            return Encoding.UTF8.GetString(bytes);
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
        }
    }
}
