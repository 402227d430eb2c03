using System.Collections.Immutable;
using ConformanceKit.Oracle;
using ConformanceKit.Oracle.Hid;
using ConformanceKit.Spec;
using ConformanceKit.Transports.Hid;

namespace ConformanceKit.Tests.Oracle.Hid;

/// <summary>
/// hid.reports over the events of a run: a malformed descriptor is a finding where the device
/// started; a report is held to its device's descriptor first, then to the spec's bounds; kinds name
/// the problem and the device class, never sizes.
/// </summary>
public class HidJudgeTests
{
    static readonly byte[] BootKeyboard = Convert.FromHexString(
        "05010906a101050719e029e71500250175019508810295017508810105081901290595057501910295017503910105071900296515002565750895068100c0");

    static readonly HidSpec NoBounds = new(null, [], 1);

    static HidDeviceStart Device(byte[] descriptor, ulong id = 1) => new(id, 0, (ulong)descriptor.Length, true, "Keyboard", descriptor);

    static HidReport Report(uint type, int length, ulong id = 1, byte first = 0) =>
        new(id, 0, 0, type, 0, (uint)length, (ulong)length, 0, 0, "Keyboard", Enumerable.Range(0, length).Select(k => k == 0 ? first : (byte)k).ToArray());

    static List<Violation> Judge(HidSpec spec, HidDeviceStart? device, params HidReport[] reports)
    {
        var events = new HidEvents();
        if (device is not null) events.Devices.Add(device);
        events.Reports.AddRange(reports);
        var violations = new List<Violation>();
        new HidJudge(spec).Judge(events, 1, 4, violations, null);
        return violations;
    }

    [Test]
    public void ReportsThatFitTheirDescriptorHold() =>
        Assert.That(Judge(NoBounds, Device(BootKeyboard), Report(0, 8), Report(1, 1), Report(0, 2)), Is.Empty);

    [Test]
    public void AReportLongerThanItsDescriptorAllowsIsAFindingAtItsStep()
    {
        var violation = Judge(NoBounds, Device(BootKeyboard), Report(0, 9)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(violation.Rule, Is.EqualTo(Rules.HidReports));
            Assert.That((violation.Step, violation.Selector), Is.EqualTo((2, (uint?)4)));
            Assert.That(violation.Kind, Is.EqualTo("report-too-long:input@Keyboard"));
            Assert.That(violation.Expected, Does.Contain("at most 8 bytes"));
            Assert.That(violation.Observed, Does.Contain("reportLength 9").And.Contain("000102030405060708"));
        });
    }

    [Test]
    public void AReportTypeTheDescriptorDoesNotDeclareIsAFinding() =>
        Assert.That(Judge(NoBounds, Device(BootKeyboard), Report(2, 2)).Single().Kind, Is.EqualTo("report-undeclared:feature@Keyboard"));

    [Test]
    public void WithReportIdsTheFirstByteChoosesTheReport()
    {
        // ID 1: 2 bytes of input; ID 2: 4 bytes of input. Reports carry their ID byte.
        var descriptor = Convert.FromHexString("a1018501750895028102850295048102c0");
        Assert.Multiple(() =>
        {
            Assert.That(Judge(NoBounds, Device(descriptor), Report(0, 3, first: 1), Report(0, 5, first: 2)), Is.Empty);
            Assert.That(Judge(NoBounds, Device(descriptor), Report(0, 4, first: 1)).Single().Kind, Is.EqualTo("report-too-long:input@Keyboard"));
            Assert.That(Judge(NoBounds, Device(descriptor), Report(0, 2, first: 3)).Single().Kind, Is.EqualTo("report-undeclared:input@Keyboard"));
        });
    }

    [Test]
    public void TheSpecsBoundsApplyWithinTheDescriptors()
    {
        var spec = new HidSpec(null, [new HidReportBound(0, null, 6, 3)], 1);
        var violation = Judge(spec, Device(BootKeyboard), Report(0, 7)).Single();
        Assert.That(violation.Kind, Is.EqualTo("report-over-spec:input@Keyboard"));
        Assert.That(violation.Expected, Does.Contain("at most 6 bytes").And.Contain("spec.yaml:3"));
        Assert.That(Judge(spec, Device(BootKeyboard), Report(1, 1)), Is.Empty, "a bound of input reports leaves output reports alone");
    }

    [Test]
    public void MaxReportSizeBoundsEveryReportEvenOfAnUnknownDevice()
    {
        var spec = new HidSpec(4, [], 1);
        Assert.That(Judge(spec, null, Report(0, 5)).Single().Kind, Is.EqualTo("report-over-spec:input@Keyboard"));
        Assert.That(Judge(spec, null, Report(0, 4)), Is.Empty);
    }

    [Test]
    public void AnIdBoundAppliesToItsReportOnly()
    {
        var descriptor = Convert.FromHexString("a1018501750895048102850295048102c0");
        var spec = new HidSpec(null, [new HidReportBound(0, 2, 3, 5)], 1);
        Assert.That(Judge(spec, Device(descriptor), Report(0, 5, first: 1)), Is.Empty);
        Assert.That(Judge(spec, Device(descriptor), Report(0, 5, first: 2)).Single().Kind, Is.EqualTo("report-over-spec:input@Keyboard"));
    }

    [Test]
    public void AMalformedDescriptorIsAFindingAndItsReportsAreHeldToTheSpecOnly()
    {
        var violations = Judge(new HidSpec(64, [], 1), Device(Convert.FromHexString("a1017508950181")), Report(0, 9));
        Assert.That(violations.Single().Kind, Is.EqualTo("descriptor:truncated-item@Keyboard"));
        Assert.That(violations.Single().Observed, Does.Contain("truncated-item at byte 6"));
    }

    [Test]
    public void AnEmptyDescriptorIsAFindingButNoDescriptorIsNot()
    {
        Assert.That(Judge(NoBounds, Device([])).Single().Kind, Is.EqualTo("descriptor:empty@Keyboard"));
        Assert.That(Judge(NoBounds, new HidDeviceStart(1, 0, 0, false, "Keyboard", [])), Is.Empty, "Start fails, and the dext is told");
    }

    [Test]
    public void TheLogHasALinePerEventWithItsStep()
    {
        var events = new HidEvents();
        events.Devices.Add(Device(BootKeyboard));
        events.Reports.Add(Report(0, 8));
        var log = new List<string>();
        new HidJudge(NoBounds).Judge(events, 2, 1, [], log);
        Assert.That(log, Has.Count.EqualTo(2));
        Assert.That(log[0], Does.StartWith("at step 3: Keyboard#1's report descriptor, 63 bytes: 05010906"));
        Assert.That(log[1], Does.StartWith("at step 3: Keyboard#1 posted an input report, reportLength 8"));
    }
}
