using ConformanceKit.Oracle.Hid;

namespace ConformanceKit.Tests.Oracle.Hid;

/// <summary>
/// The report-descriptor reader against hand-assembled descriptors (HID 1.11, 6.2.2): report sizes per
/// type and ID, and each way a descriptor can be malformed, with the offset of the item at fault.
/// </summary>
public class HidDescriptorParserTests
{
    /// <summary>The boot keyboard of dext/tests/dexts/VirtualHIDDriver: 8-byte input, 1-byte output, no IDs.</summary>
    static readonly byte[] BootKeyboard = Convert.FromHexString(
        "05010906a101050719e029e71500250175019508810295017508810105081901290595057501910295017503910105071900296515002565750895068100c0");

    static HidDescriptor Parse(string hex) => HidDescriptorParser.Parse(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));

    [Test]
    public void TheBootKeyboardHasAnEightByteInputAndAOneByteOutputReport()
    {
        var descriptor = HidDescriptorParser.Parse(BootKeyboard);
        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Problem, Is.Null);
            Assert.That(descriptor.UsesReportIds, Is.False);
            Assert.That(descriptor.MaxReportBytes(0, 0), Is.EqualTo(8));
            Assert.That(descriptor.MaxReportBytes(1, 0), Is.EqualTo(1));
            Assert.That(descriptor.MaxReportBytes(2, 0), Is.Null, "no feature report");
        });
    }

    [Test]
    public void ReportIdsSplitReportsAndAddTheirByte()
    {
        // Collection; ID 1: 3 x 8 bits input; ID 2: 1 x 12 bits input, 2 x 8 bits feature; End Collection.
        var descriptor = Parse("a101 8501 7508 9503 8102 8502 750c 9501 8102 7508 9502 b102 c0");
        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Problem, Is.Null);
            Assert.That(descriptor.UsesReportIds, Is.True);
            Assert.That(descriptor.MaxReportBytes(0, 1), Is.EqualTo(4), "3 bytes and the ID");
            Assert.That(descriptor.MaxReportBytes(0, 2), Is.EqualTo(3), "12 bits round up to 2 bytes, and the ID");
            Assert.That(descriptor.MaxReportBytes(2, 2), Is.EqualTo(3));
            Assert.That(descriptor.MaxReportBytes(0, 3), Is.Null);
            Assert.That(descriptor.IdsOf(0), Is.EqualTo(new uint[] { 1, 2 }));
        });
    }

    [Test]
    public void PushAndPopRestoreReportSizeAndCount()
    {
        // Size 8, count 2, Push; size 1, count 1; input (1 bit); Pop; input (16 bits): 17 bits, 3 bytes.
        var descriptor = Parse("a101 7508 9502 a4 7501 9501 8102 b4 8102 c0");
        Assert.That(descriptor.Problem, Is.Null);
        Assert.That(descriptor.MaxReportBytes(0, 0), Is.EqualTo(3));
    }

    [Test]
    public void DataIsLittleEndianAndFourByteItemsCount()
    {
        // Report Size 0x0010 in two bytes, Report Count 2 in four bytes: 32 bits.
        var descriptor = Parse("a101 761000 9702000000 8102 c0");
        Assert.That(descriptor.Problem, Is.Null);
        Assert.That(descriptor.MaxReportBytes(0, 0), Is.EqualTo(4));
    }

    [Test]
    public void ALongItemIsSkippedWhole()
    {
        var descriptor = Parse("a101 fe0210aabb 7508 9501 8102 c0");
        Assert.That(descriptor.Problem, Is.Null);
        Assert.That(descriptor.MaxReportBytes(0, 0), Is.EqualTo(1));
    }

    [TestCase("", "empty", 0)]
    [TestCase("a101 7508 9501 8102", "unclosed-collection", 8)]
    [TestCase("a101 c0 c0", "end-collection-without-collection", 3)]
    [TestCase("a101 7508 95", "truncated-item", 4)]
    [TestCase("a101 76 08", "truncated-item", 2)]
    [TestCase("a101 fe05 00aabb", "truncated-item", 2)]
    [TestCase("a101 fe", "truncated-item", 2)]
    [TestCase("a101 b4 c0", "pop-without-push", 2)]
    [TestCase("a101 8500 c0", "report-id-zero", 2)]
    [TestCase("a101 7508 9501 8102 8501 8102 c0", "data-before-report-id", 6)]
    [TestCase("a101 0d00 c0", "reserved-item", 2)]
    [TestCase("a101 d100 c0", "reserved-item", 2)]
    public void AMalformedDescriptorNamesItsFirstProblemAndWhere(string hex, string slug, int offset)
    {
        var problem = Parse(hex).Problem;
        Assert.That(problem, Is.Not.Null);
        Assert.That((problem!.Slug, problem.Offset), Is.EqualTo((slug, offset)), problem.ToString());
        Assert.That(problem.Explanation, Does.Contain("6.2."), "each problem cites the section of HID 1.11 it breaks");
    }

    [Test]
    public void ADescriptorLongerThanSixteenBitsIsRefused()
    {
        var bytes = new byte[HidDescriptorParser.MaxLength + 1];
        Assert.That(HidDescriptorParser.Parse(bytes).Problem?.Slug, Is.EqualTo("too-long"));
    }

    [Test]
    public void HugeSizesAndCountsDoNotOverflow()
    {
        var descriptor = Parse("a101 77ffffffff 97ffffffff 8102 8102 8102 c0");
        Assert.That(descriptor.Problem, Is.Null);
        Assert.That(descriptor.MaxReportBytes(0, 0), Is.GreaterThan(0));
    }
}
