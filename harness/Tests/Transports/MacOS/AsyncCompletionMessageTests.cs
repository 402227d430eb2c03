using ConformanceKit.Transports.MacOS;

namespace ConformanceKit.Tests.Transports.MacOS;

public class AsyncCompletionMessageTests
{
    static readonly ulong[] Reference = [0, 0xCA11BAC000, 7, 42, 0, 0, 0, 0xFEED];

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(16)]
    public void ReadsExactlyTheArgumentsSent(int count)
    {
        // 0-2 are the counts IOKitLib would dispatch to IOAsyncCallback0/1/2: exactly the cases a
        // single args-pointer callback would misread.
        var args = Enumerable.Range(1, count).Select(k => (ulong)k * 0x1_0000_0001).ToArray();
        var message = AsyncCompletionMessage.Parse(XnuCompletionMessage.Received(XnuCompletionMessage.Build(Reference, unchecked((int)0xE00002BC), args)), out var rejected);
        Assert.That(rejected, Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(message!.Arguments, Is.EqualTo(args));
            Assert.That(message.Result, Is.EqualTo(unchecked((int)0xE00002BC)));
            Assert.That(message.Reference, Is.EqualTo(Reference));
        });
    }

    [Test]
    public void TheSamplesCompletionComesBackWhole()
    {
        var message = AsyncCompletionMessage.Parse(XnuCompletionMessage.Received(XnuCompletionMessage.Build(Reference, 0, [2, 2, 12])), out _);
        Assert.That((message!.Result, message.Arguments), Is.EqualTo((0, new ulong[] { 2, 2, 12 })));
    }

    [Test]
    public void DeclaredPaddingIsSubtractedAsIOKitLibDoes()
    {
        // The type word's top bits say how many trailing bytes to ignore: 3 args plus 4 bytes of
        // declared padding must not become a fourth argument.
        var bytes = XnuCompletionMessage.Build(Reference, 0, [1, 2, 3], extraTypeBits: 2u << 30);
        var size = BitConverter.ToUInt32(bytes, 4) + 4;
        BitConverter.GetBytes(size).CopyTo(bytes, 4);
        Assert.That(AsyncCompletionMessage.Parse(XnuCompletionMessage.Received(bytes), out _)!.Arguments, Is.EqualTo(new ulong[] { 1, 2, 3 }));
    }

    [Test]
    public void RejectsWhatIsNotASimpleAsyncCompletion()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Rejection(XnuCompletionMessage.Build(Reference, 0, [], id: 54)), Does.Contain("msgh_id"));
            Assert.That(Rejection(XnuCompletionMessage.Build(Reference, 0, [], bits: 0x80000012)), Does.Contain("complex"));
            var matched = XnuCompletionMessage.Build(Reference, 0, []);
            BitConverter.GetBytes(101u).CopyTo(matched, 28); // kIOServiceMatchedNotificationType
            Assert.That(Rejection(matched), Does.Contain("not an async completion"));
            Assert.That(AsyncCompletionMessage.Parse(new byte[40], out var shortOne), Is.Null);
            Assert.That(shortOne, Does.Contain("shorter"));
        });
    }

    [Test]
    public void RejectsSizesThatDoNotAddUp()
    {
        var bytes = XnuCompletionMessage.Build(Reference, 0, [1]);
        Assert.Multiple(() =>
        {
            Assert.That(AsyncCompletionMessage.Parse(bytes.AsSpan(0, 100), out var truncated), Is.Null, "msgh_size beyond the bytes received");
            Assert.That(truncated, Does.Contain("does not fit"));
            var tooMany = new byte[400];
            bytes.AsSpan(0, 112).CopyTo(tooMany);
            BitConverter.GetBytes(100u + 17 * 8).CopyTo(tooMany, 4);
            Assert.That(Rejection(tooMany, whole: true), Does.Contain("kMaxAsyncArgs"));
            var noResult = (byte[])bytes.Clone();
            BitConverter.GetBytes(97u).CopyTo(noResult, 4);
            Assert.That(Rejection(noResult), Does.Contain("no room"));
        });
    }

    static string? Rejection(byte[] bytes, bool whole = false)
    {
        var message = AsyncCompletionMessage.Parse(whole ? bytes : XnuCompletionMessage.Received(bytes), out var rejected);
        Assert.That(message, Is.Null);
        return rejected;
    }
}
