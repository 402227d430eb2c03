using System.Text;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

public class StderrTailTests
{
    static string Collect(string written, int capacity)
    {
        var tail = new StderrTail(new MemoryStream(Encoding.UTF8.GetBytes(written)), capacity);
        Assert.That(tail.WaitForEnd(TimeSpan.FromSeconds(10)), Is.True);
        return tail.Text();
    }

    [Test]
    public void KeepsEverythingThatFits() => Assert.That(Collect("short report\n", 64), Is.EqualTo("short report\n"));

    [Test]
    public void KeepsTheLastBytesOfALongStream()
    {
        var text = string.Concat(Enumerable.Range(0, 5000).Select(k => $"line {k}\n"));
        Assert.That(Collect(text, 1000), Is.EqualTo(text[^1000..]));
    }

    [Test]
    public void WrapsAcrossManyReads()
    {
        // Larger than the 16 KiB read buffer, so the ring wraps several times between reads.
        var text = string.Concat(Enumerable.Range(0, 20000).Select(k => (char)('a' + k % 26)));
        Assert.That(Collect(text, 7001), Is.EqualTo(text[^7001..]));
    }

    [Test]
    public void TextSinceAPositionIsWhatCameAfterIt()
    {
        var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var reader = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, pipe.ClientSafePipeHandle);
        var tail = new StderrTail(reader, 64);
        Write(pipe, "first copy's report\n");
        Assert.That(tail.WaitUntil(0, text => text.EndsWith('\n'), TimeSpan.FromSeconds(10)), Is.True);
        var position = tail.Position;
        Write(pipe, "second\nend line\n");
        Assert.That(tail.WaitUntil(position, text => text.Contains("end line"), TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(tail.TextSince(position), Is.EqualTo("second\nend line\n"));
        pipe.Dispose();
        Assert.That(tail.WaitUntil(position, text => text.Contains("never written"), TimeSpan.FromSeconds(10)), Is.False,
            "the end of the stream ends the wait");
    }

    static void Write(Stream stream, string text)
    {
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush();
    }
}
