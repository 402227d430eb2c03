using ConformanceKit.Tests.Transports.MacOS.HeaderTable;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>The constants the transport uses against the values the table records from Apple's headers.</summary>
public class NativeConstantTableTests
{
    [Test]
    public void EveryConstantIsInTheTableAndEveryEntryIsDefined()
    {
        var defined = MacOSNativeMembers.Constants.Select(f => f.Name).Order(StringComparer.Ordinal);
        var tabled = ConstantTable.Entries.Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.That(defined, Is.EqualTo(tabled));
    }

    [TestCaseSource(nameof(Constants))]
    public void ValueMatchesTheHeader(ConstantEntry entry)
    {
        var field = MacOSNativeMembers.Constants.Single(f => f.Name == entry.Name);
        var value = field.GetRawConstantValue();
        if (entry.Value is string text)
            Assert.That(value, Is.EqualTo(text), $"{entry.Name} at {entry.At}");
        else
            Assert.That(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) & 0xFFFFFFFFL,
                Is.EqualTo((long)entry.Value & 0xFFFFFFFFL), $"{entry.Name} at {entry.At} (as a 32-bit pattern)");
    }

    static IEnumerable<TestCaseData> Constants() =>
        ConstantTable.Entries.Select(e => new TestCaseData(e).SetArgDisplayNames(e.Name));
}
