using ConformanceKit.Spec;

namespace ConformanceKit.Tests.Spec;

/// <summary>The spec's hid: section: bounds by size, type and report ID, each mistake on its line.</summary>
public class HidSpecTests
{
    const string Head = """
        specVersion: 1
        dext: Demo
        selectors:
          - selector: 0
            name: Ping

        """;

    static DispatchSpec Load(string hid) => SpecLoader.Parse(Head + hid, "test.yaml");

    static SpecException Fails(string hid) => Assert.Throws<SpecException>(() => Load(hid))!;

    [Test]
    public void WithoutAHidSectionHidDevicesAreNotJudged() => Assert.That(Load("").Hid, Is.Null);

    [Test]
    public void AnEmptySectionJudgesAgainstTheDescriptorsOnly()
    {
        var hid = Load("hid: {}\n").Hid!;
        Assert.That((hid.MaxReportSize, hid.Reports.Length, hid.Line), Is.EqualTo(((ulong?)null, 0, 6)));
    }

    [Test]
    public void BoundsByTypeAndId()
    {
        var hid = Load("""
            hid:
              maxReportSize: 64
              reports:
                - type: input
                  maxSize: 8
                - type: feature
                  id: 2
                  maxSize: 0x10
            """).Hid!;
        Assert.Multiple(() =>
        {
            Assert.That(hid.MaxReportSize, Is.EqualTo(64));
            Assert.That(hid.Reports.Select(r => (r.Type, r.Id, r.MaxSize, r.Line)), Is.EqualTo(new[] { (0u, (uint?)null, 8ul, 9), (2u, (uint?)2, 16ul, 11) }));
            Assert.That(hid.BoundsFor(0, 0).Select(b => b.Max), Is.EqualTo(new ulong[] { 8, 64 }), "smallest first");
            Assert.That(hid.BoundsFor(2, 1).Select(b => b.Max), Is.EqualTo(new ulong[] { 64 }), "the id 2 bound is for ID 2 only");
        });
    }

    [TestCase("hid:\n  maxReportSize: -1\n", 7, "must be a non-negative integer")]
    [TestCase("hid:\n  reports:\n    - type: gamepad\n      maxSize: 8\n", 8, "type must be input, output or feature")]
    [TestCase("hid:\n  reports:\n    - type: input\n", 8, "missing required key 'maxSize'")]
    [TestCase("hid:\n  reports:\n    - type: input\n      id: 256\n      maxSize: 8\n", 9, "larger than the possible 255")]
    [TestCase("hid:\n  maxSize: 8\n", 7, "unknown key 'maxSize'")]
    [TestCase("hid: 8\n", 6, "must be a mapping")]
    public void MistakesAreReportedOnTheirLine(string hid, int line, string message)
    {
        var e = Fails(hid);
        Assert.That(e.Line, Is.EqualTo(line), e.Message);
        Assert.That(e.Message, Does.Contain(message));
    }
}
