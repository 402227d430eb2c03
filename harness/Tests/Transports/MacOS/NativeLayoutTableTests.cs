using System.Reflection;
using System.Runtime.InteropServices;
using ConformanceKit.Transports.MacOS;
using ConformanceKit.Tests.Transports.MacOS.HeaderTable;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>Sizes, offsets and field types of the managed mirrors of Apple's structs, against the table.</summary>
public class NativeLayoutTableTests
{
    [TestCaseSource(nameof(Structs))]
    public void StructMatchesTheHeader(LayoutEntry entry)
    {
        var fields = entry.Managed.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
        Assert.Multiple(() =>
        {
            Assert.That(Marshal.SizeOf(entry.Managed), Is.EqualTo(entry.Size), $"sizeof({entry.CName})");
            Assert.That(fields.Select(f => f.Name), Is.EqualTo(entry.Fields.Select(f => f.Name)), "fields, in order");
            foreach (var field in entry.Fields)
            {
                Assert.That((int)Marshal.OffsetOf(entry.Managed, field.Name), Is.EqualTo(field.Offset), $"offsetof({entry.CName}, {field.Name})");
                var managed = fields.FirstOrDefault(f => f.Name == field.Name);
                if (managed is not null)
                    Assert.That(ManagedTypeNames.OfField(managed), Is.EqualTo(CTypeTable.ToManaged(field.CType!)), $"{entry.CName}.{field.Name} ({field.CType})");
            }
        });
    }

    [Test]
    public void CompletionMessageOffsetsMatchTheKernelsLayout()
    {
        var entry = LayoutTable.Entries.Single(e => e.Managed == typeof(AsyncCompletionMessage));
        int At(string field) => entry.Fields.Single(f => f.Name == field).Offset;
        Assert.Multiple(() =>
        {
            Assert.That(AsyncCompletionMessage.NotificationOffset, Is.EqualTo(At("notifyHdr")));
            Assert.That(AsyncCompletionMessage.ReferenceOffset, Is.EqualTo(At("notifyHdr.reference")));
            Assert.That(AsyncCompletionMessage.ContentOffset, Is.EqualTo(At("asyncContent")));
            Assert.That(AsyncCompletionMessage.ArgumentsOffset, Is.EqualTo(At("args")));
            Assert.That(AsyncCompletionMessage.ArgumentsOffset, Is.EqualTo(entry.Size), "bytes before the arguments");
        });
    }

    static IEnumerable<TestCaseData> Structs() =>
        LayoutTable.Entries.Where(e => e.Managed.IsValueType).Select(e => new TestCaseData(e).SetArgDisplayNames(e.CName));
}
