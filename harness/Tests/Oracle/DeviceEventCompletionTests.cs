using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Spec;
using ConformanceKit.Transports;

namespace ConformanceKit.Tests.Oracle;

/// <summary>
/// With async.deviceEvents the device's interrupts and data complete the registered callback: such a
/// completion, arriving during a device step with nothing owed, is the device's event; the same
/// completion arriving at any other step is still unexpected, and without deviceEvents it always is.
/// </summary>
public class DeviceEventCompletionTests
{
    static DispatchSpec Spec(bool deviceEvents) => SpecLoader.Parse($$"""
        specVersion: 1
        dext: Irq
        selectors:
          - { selector: 0, name: Register, async: register, completion: required }
        async:
          deviceEvents: {{(deviceEvents ? "true" : "false")}}

        """, "test.yaml");

    static List<Violation> Judge(bool deviceEvents, bool deviceStep)
    {
        var connection = new ConnectionModel { IsOpen = true, CallbackRefcon = 3 };
        var violations = new List<Violation>();
        var completion = new AsyncCompletion(ConformanceKit.Programs.AsyncReference.CallbackFor(0), 3, IOReturn.Success, [1, 0], 0);
        new AsyncJudge(Spec(deviceEvents), timed: true).Judge(connection, [completion], 2, 0, violations, deviceStep);
        return violations;
    }

    [Test]
    public void AnInterruptsCompletionToTheCallbackIsTheDevicesEvent() => Assert.That(Judge(deviceEvents: true, deviceStep: true), Is.Empty);

    [TestCase(true, false)]
    [TestCase(false, true)]
    public void OtherwiseItIsUnexpected(bool deviceEvents, bool deviceStep) =>
        Assert.That(Judge(deviceEvents, deviceStep).Single().Kind, Is.EqualTo("unexpected-completion"));
}
