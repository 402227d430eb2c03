using ConformanceKit.IOKit;
using ConformanceKit.Spec;
using ConformanceKit.Transports.Hid;

namespace ConformanceKit.Oracle.Hid;

/// <summary>
/// Rule hid.reports over one program run: every report descriptor a device's newReportDescriptor
/// returns is well-formed (<see cref="HidDescriptorParser"/>), and every report a device posts with
/// handleReport fits what its own descriptor declares for that type and report ID, and the spec's
/// hid: bounds. Reports are judged by the reportLength the dext passed (what the system reads),
/// whether or not the runtime accepted them: the dext asked for them to be delivered. A device whose
/// newReportDescriptor returns NULL is not a finding: its Start fails and the dext is told
/// (IOUserHIDDevice.iig: Start "calls newReportDescriptor"; docs/driverkit-semantics.md, "HIDDriverKit").
/// Kinds name the problem and the device's class, never sizes or offsets: one bug, one signature.
/// </summary>
public sealed class HidJudge(HidSpec spec)
{
    /// <summary>Bytes of a report or descriptor shown in a finding; the rest is counted.</summary>
    const int ShownBytes = 64;

    readonly Dictionary<ulong, (string Class, HidDescriptor? Descriptor)> _devices = [];

    /// <summary>Forgets the devices of the previous run (the runtime numbers devices from 1 after a reset).</summary>
    public void Reset() => _devices.Clear();

    /// <summary>Judges what happened during one step; appends a line per event to log when given.</summary>
    public void Judge(HidEvents events, int stepIndex, uint? selector, List<Violation> violations, List<string>? log)
    {
        foreach (var device in events.Devices) JudgeDevice(device, stepIndex, selector, violations, log);
        foreach (var report in events.Reports) JudgeReport(report, stepIndex, selector, violations, log);
    }

    void JudgeDevice(HidDeviceStart device, int stepIndex, uint? selector, List<Violation> violations, List<string>? log)
    {
        var name = $"{device.DeviceClass}#{device.DeviceId}";
        if (!device.HasDescriptor)
        {
            _devices[device.DeviceId] = (device.DeviceClass, null);
            log?.Add($"at step {stepIndex + 1}: {name} started without a report descriptor (newReportDescriptor returned NULL; Start fails)");
            return;
        }
        // The runtime keeps at most 64 KiB of a descriptor; a longer one is too long for HID anyway.
        var parsed = device.DescriptorLength > (ulong)device.Descriptor.Length
            ? new HidDescriptor(false, new Dictionary<(uint, uint), long>(), new HidDescriptorProblem("too-long", HidDescriptorParser.MaxLength,
                $"{device.DescriptorLength} bytes; a report descriptor's length is a 16-bit field (6.2.1)"))
            : HidDescriptorParser.Parse(device.Descriptor);
        _devices[device.DeviceId] = (device.DeviceClass, parsed);
        var shown = $"{name}'s report descriptor, {device.DescriptorLength} bytes: {Hex(device.Descriptor)}";
        log?.Add($"at step {stepIndex + 1}: {shown}");
        if (parsed.Problem is { } problem)
        {
            violations.Add(new Violation(Rules.HidReports, stepIndex, selector, $"descriptor:{problem.Slug}@{device.DeviceClass}",
                "newReportDescriptor returns a well-formed HID report descriptor (HID 1.11, 6.2.2)", $"{shown}; {problem}"));
        }
    }

    void JudgeReport(HidReport report, int stepIndex, uint? selector, List<Violation> violations, List<string>? log)
    {
        var (deviceClass, descriptor) = _devices.TryGetValue(report.DeviceId, out var known) ? known : (report.DeviceClass, null);
        var name = $"{deviceClass}#{report.DeviceId}";
        var shown = $"{name} posted a{(report.ReportType == 0 ? "n" : "")} {report.TypeName} report, reportLength {report.ReportLength}" +
            $" ({new IOReturn((uint)report.Status)}): {Hex(report.Bytes)}" +
            (report.DroppedBefore > 0 ? $" ({report.DroppedBefore} earlier reports were dropped)" : "");
        log?.Add($"at step {stepIndex + 1}: {shown}");

        uint? id = null;
        if (descriptor is { IsWellFormed: true })
        {
            id = descriptor.UsesReportIds ? report.Bytes.Length > 0 ? report.Bytes[0] : null : 0u;
            var max = id is { } reportId ? descriptor.MaxReportBytes(report.ReportType, reportId) : null;
            if (max is null)
            {
                var declared = string.Join(", ", descriptor.IdsOf(report.ReportType));
                violations.Add(new Violation(Rules.HidReports, stepIndex, selector, $"report-undeclared:{report.TypeName}@{deviceClass}",
                    $"a report the device's descriptor declares ({report.TypeName} report IDs: {(declared.Length > 0 ? declared : "none")})",
                    shown + (descriptor.UsesReportIds ? $"; report ID {(id is { } i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "missing")}" : "")));
                return;
            }
            if (report.ReportLength > max)
            {
                violations.Add(new Violation(Rules.HidReports, stepIndex, selector, $"report-too-long:{report.TypeName}@{deviceClass}",
                    $"at most {max} bytes, as the device's report descriptor declares this {report.TypeName} report{(descriptor.UsesReportIds ? $" (ID {id}, its ID byte included)" : "")}",
                    shown));
                return;
            }
        }
        // Without a well-formed descriptor the report's ID is unknown: only the spec's bounds without an id apply.
        foreach (var (bound, source) in spec.BoundsFor(report.ReportType, id))
        {
            if (report.ReportLength <= bound) continue;
            violations.Add(new Violation(Rules.HidReports, stepIndex, selector, $"report-over-spec:{report.TypeName}@{deviceClass}",
                $"at most {bound} bytes ({source})", shown));
            return;
        }
    }

    static string Hex(byte[] bytes) =>
        bytes.Length <= ShownBytes
            ? Convert.ToHexString(bytes).ToLowerInvariant()
            : Convert.ToHexString(bytes, 0, ShownBytes).ToLowerInvariant() + $"… (+{bytes.Length - ShownBytes} bytes)";
}
