using ConformanceKit.Spec;

namespace ConformanceKit.Tests.Spec;

/// <summary>The spec's device: section: handed to the runtime as an XML property list, each value as its kind.</summary>
public class DeviceSpecTests
{
    const string Head = """
        specVersion: 1
        dext: Demo
        selectors:
          - selector: 0
            name: Ping

        """;

    static DispatchSpec Load(string device) => SpecLoader.Parse(Head + device, "test.yaml");

    [Test]
    public void WithoutADeviceSectionNoDeviceIsDriven() => Assert.That(Load("").Device, Is.Null);

    [Test]
    public void AnEmptySectionKeepsThePersonalitysDevice()
    {
        var device = Load("device: {}\n").Device!;
        Assert.That(device.Interrupts, Is.EqualTo(DeviceSpec.DefaultInterrupts));
        Assert.That(device.Description, Does.Contain("<plist version=\"1.0\">\n<dict>\n</dict>\n</plist>"));
    }

    [Test]
    public void ValuesKeepTheirKindsAndNestingAndTheHarnessKeepsItsOwnKey()
    {
        var device = Load("""
            device:
              family: usb
              idVendor: 0x05ac
              idProduct: 4660
              selfPowered: true
              interrupts: 3
              serial: "A<B&C"
              configurations:
                - interfaces:
                    - endpoints: [0x81, 2]

            """).Device!;
        Assert.That(device.Interrupts, Is.EqualTo(3));
        Assert.That(device.Description, Does.Contain("<key>family</key>\n<string>usb</string>\n"));
        Assert.That(device.Description, Does.Contain("<key>idVendor</key>\n<integer>1452</integer>\n"));
        Assert.That(device.Description, Does.Contain("<key>idProduct</key>\n<integer>4660</integer>\n"));
        Assert.That(device.Description, Does.Contain("<key>selfPowered</key>\n<true/>\n"));
        Assert.That(device.Description, Does.Contain("<string>A&lt;B&amp;C</string>"));
        Assert.That(device.Description, Does.Contain("<key>endpoints</key>\n<array>\n<integer>129</integer>\n<integer>2</integer>\n</array>\n"));
        Assert.That(device.Description, Does.Not.Contain("interrupts"), "interrupts: is the harness's, not the runtime's");
    }

    [TestCase("device: [1, 2]\n", 6, "device must be a mapping of keys to values")]
    [TestCase("device:\n  interrupts: 65\n", 7, "device: 'interrupts' = 65 is larger than the possible 64")]
    public void ProblemsNameTheirLine(string device, int line, string problem)
    {
        var error = Assert.Throws<SpecException>(() => Load(device))!;
        Assert.That((error.Line, error.Problem), Is.EqualTo((line, problem)));
    }
}
