using ConformanceKit.Transports.MacOS;

namespace ConformanceKit.Tests.Transports.MacOS;

public class AsyncReferenceLayoutTests
{
    [Test]
    public void KeepsCallbackAndRefconWhereIOKitLibPutsThemAndAddsTheConnection()
    {
        Span<ulong> reference = stackalloc ulong[8];
        AsyncReferenceLayout.Build([0, 0xCA11BAC001, 9], 77, reference);
        Assert.That(reference.ToArray(), Is.EqualTo(new ulong[] { 0, 0xCA11BAC001, 9, 77, 0, 0, 0, 0 }));
        Assert.That(AsyncReferenceLayout.ConnectionOf(reference), Is.EqualTo(77));
    }

    [Test]
    public void RefusesReferencesItCannotCarry()
    {
        var reference = new ulong[8];
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => AsyncReferenceLayout.Build(new ulong[9], 1, reference), "longer than kOSAsyncRef64Count");
            Assert.Throws<ArgumentException>(() => AsyncReferenceLayout.Build([5, 1, 2], 1, reference), "entry 0 is the kernel's");
            Assert.Throws<ArgumentException>(() => AsyncReferenceLayout.Build([0, 1, 2, 3], 1, reference), "entry 3 is the transport's");
            Assert.Throws<ArgumentException>(() => AsyncReferenceLayout.Build([0, 1, 2], 1, new ulong[4]), "the destination is a whole OSAsyncReference64");
        });
    }

    [Test]
    public void RoundTripsThroughAKernelReply()
    {
        // What the kernel echoes: the reference with entry 0 zeroed.
        var sent = new ulong[8];
        AsyncReferenceLayout.Build([0, 0xCA11BAC000, 3], 12, sent);
        var reply = AsyncCompletionMessage.Parse(XnuCompletionMessage.Received(XnuCompletionMessage.Build(sent, 0, [1])), out _)!;
        Assert.That((reply.Reference[1], reply.Reference[2], AsyncReferenceLayout.ConnectionOf(reply.Reference)), Is.EqualTo((0xCA11BAC000UL, 3UL, 12UL)));
    }
}
