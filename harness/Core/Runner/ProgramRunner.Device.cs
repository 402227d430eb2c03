using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Transports;

namespace ConformanceKit.Runner;

/// <summary>
/// The device steps, for a spec with a <c>device:</c> section (docs/devices.md): the device is described
/// after every reset, device data, interrupts and the unplug are driven as the program says, and the rules
/// the runtime itself saw broken (device.io-after-stop, device.dma-balance) are taken after each device
/// step and each close and judged like any other violation. Their returns are not judged: a device step
/// is the device's doing, not the dext's; what the dext then does is (a crash is memory.safety, a
/// completion the async rules, a leak objects.balance).
/// </summary>
public sealed partial class ProgramRunner
{
    /// <summary>Null unless the spec has a device: section and the transport drives a simulated device.</summary>
    readonly ISimulatedDevice? _device;
    readonly List<RuntimeViolation> _runtimeViolations = [];
    bool _unplugged;

    /// <summary>Once per runner: the transport boots every later reset on this device.</summary>
    void DescribeDevice()
    {
        if (_device is null || _spec.Device is null) return;
        var result = _device.DescribeDevice(_spec.Device.Description);
        if (!result.IsSuccess)
            throw new TransportSetupException($"the spec's device: section was refused ({result}): {_transport.LastError()}");
    }

    void ExecuteDeviceData(DeviceDataStep step, int index, RunState run)
    {
        if (!CanDriveDevice(run)) return;
        var result = _device!.FeedDevice(step.Bytes.AsSpan());
        AfterDeviceStep(result, index, run);
    }

    void ExecuteInterrupt(InterruptStep step, int index, RunState run)
    {
        if (!CanDriveDevice(run)) return;
        var result = _device!.RaiseInterrupt(step.Index);
        AfterDeviceStep(result, index, run);
    }

    void ExecuteUnplug(int index, RunState run)
    {
        if (!CanDriveDevice(run)) return;
        var result = _device!.UnplugDevice();
        if (result.IsSuccess)
        {
            _unplugged = true;
            foreach (var slot in _slots)
            {
                if (!slot.IsOpen) continue;
                slot.Terminated = true;
                slot.Owed.Clear(); // the kernel terminated the client: its completions are dropped
            }
        }
        AfterDeviceStep(result, index, run);
    }

    bool CanDriveDevice(RunState run)
    {
        if (_device is not null && _spec.Device is not null) return true;
        Observe(run, _spec.Device is null
            ? "skipped: the spec has no device: section"
            : $"skipped: the {_transport.Kind.Name()} transport cannot drive a device");
        return false;
    }

    void AfterDeviceStep(IOReturn result, int index, RunState run)
    {
        run.ReachedDext = true;
        var arrivals = Collect(index, run, deviceStep: true);
        TakeRuntimeViolations(index, run);
        var reason = result.IsSuccess ? "" : $": {_transport.LastError()}";
        Observe(run, $"{result}{reason}{(arrivals.Length > 0 ? "; " + arrivals : "")}");
    }

    /// <summary>The rules the runtime saw broken since the last take, as violations of the step that was running.</summary>
    void TakeRuntimeViolations(int index, RunState run)
    {
        if (_device is null || _spec.Device is null) return;
        _runtimeViolations.Clear();
        _device.TakeViolations(_runtimeViolations);
        foreach (var violation in _runtimeViolations)
        {
            var colon = violation.Message.IndexOf(": ", StringComparison.Ordinal);
            var kind = colon > 0 ? violation.Message[..colon] : violation.Message;
            run.Violations.Add(new Violation(violation.Rule, index, null, kind, Rules.Describe(violation.Rule), violation.Message));
        }
    }

    /// <summary>A call on a connection whose device was unplugged: the kernel answers it, so it is made and shown, not judged.</summary>
    void ExecuteOnTerminated(CallStep call, ConnectionModel slot, RunState run)
    {
        ReadOnlySpan<ulong> reference = [];
        if (call.Async is { } asyncReference)
        {
            _asyncReference[1] = AsyncReference.CallbackFor(call.Slot);
            _asyncReference[2] = asyncReference.Refcon;
            reference = _asyncReference;
        }
        var scalarOutput = _scalarOutput.AsSpan(0, (int)Math.Min(call.ScalarOutputCapacity, (uint)MaxScalarOutput));
        var structOutput = StructBuffer(call.StructOutputCapacity);
        var result = _transport.Call(slot.Handle, call.Selector, reference, call.ScalarInput.AsSpan(), call.StructInput.AsSpan(), scalarOutput, structOutput);
        Observe(run, $"{result.Return} (the device was unplugged)");
    }
}
