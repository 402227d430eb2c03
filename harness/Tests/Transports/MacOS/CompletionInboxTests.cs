using ConformanceKit.IOKit;
using ConformanceKit.Transports;
using ConformanceKit.Transports.MacOS;

namespace ConformanceKit.Tests.Transports.MacOS;

public class CompletionInboxTests
{
    static AsyncCompletion Completion(ulong refcon) => new(1, refcon, IOReturn.Success, [refcon], 0);

    [Test]
    public void KeepsEachConnectionsCompletionsInOrder()
    {
        var inbox = new CompletionInbox();
        inbox.Open(1);
        inbox.Open(2);
        inbox.Deliver(1, Completion(10));
        inbox.Deliver(2, Completion(20));
        inbox.Deliver(1, Completion(11));
        var taken = new List<AsyncCompletion>();
        inbox.TakeInto(1, taken);
        Assert.That(taken.Select(c => c.Refcon), Is.EqualTo(new ulong[] { 10, 11 }));
        taken.Clear();
        inbox.TakeInto(1, taken);
        Assert.That(taken, Is.Empty, "taken once");
    }

    [Test]
    public void DropsCompletionsForConnectionsThatAreNotOpen()
    {
        var inbox = new CompletionInbox();
        inbox.Open(1);
        inbox.Close(1);
        inbox.Deliver(1, Completion(10));
        inbox.Deliver(5, Completion(50));
        inbox.Open(2);
        inbox.Clear(); // a reset forgets everything
        inbox.Deliver(2, Completion(20));
        var taken = new List<AsyncCompletion>();
        inbox.TakeInto(1, taken);
        inbox.TakeInto(2, taken);
        Assert.That((taken.Count, inbox.Dropped), Is.EqualTo((0, 3L)));
    }

    [Test]
    public void AcceptsDeliveriesFromAnotherThread()
    {
        var inbox = new CompletionInbox();
        inbox.Open(1);
        var writer = Task.Run(() =>
        {
            for (ulong k = 0; k < 10_000; k++) inbox.Deliver(1, Completion(k));
        });
        var taken = new List<AsyncCompletion>();
        while (!writer.IsCompleted) inbox.TakeInto(1, taken);
        writer.Wait();
        inbox.TakeInto(1, taken);
        Assert.That(taken.Select(c => c.Refcon), Is.EqualTo(Enumerable.Range(0, 10_000).Select(k => (ulong)k)));
    }
}
