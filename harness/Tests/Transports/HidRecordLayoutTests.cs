using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ConformanceKit.Tests.Support;
using ConformanceKit.Transports.InProcess;

namespace ConformanceKit.Tests.Transports;

/// <summary>
/// The harness's copies of dksim.h's HID records have the sizes the header gives them, field for
/// field (the op numbers, limits and function signatures are held equal by
/// tests/Repository/Seams/WireParityTests.cs, which reads both sides' sources).
/// </summary>
public class HidRecordLayoutTests
{
    [Test]
    public void HidRecordsHaveTheHeadersLayout()
    {
        // dksim.h: dksim_hid_report is 2 u64, 4 u32, u64, i32, u32, u64, char[64]; dksim_hid_device 3 u64, 2 u32, char[64].
        Assert.That(Marshal.SizeOf<NativeHidReport>(), Is.EqualTo(8 + 8 + 4 * 4 + 8 + 4 + 4 + 8 + 64));
        Assert.That(Marshal.OffsetOf<NativeHidReport>(nameof(NativeHidReport.DeviceId)), Is.EqualTo((nint)48));
        Assert.That(Marshal.SizeOf<NativeHidDevice>(), Is.EqualTo(3 * 8 + 2 * 4 + 64));
        var header = File.ReadAllText(Path.Combine(RepoPaths.Root, "dext", "include", "dksim.h"));
        // Whitespace between a member and its comment is the formatter's, not the layout's.
        var report = Regex.Match(header, @"typedef struct dksim_hid_report \{(?<body>.*?)\} dksim_hid_report;", RegexOptions.Singleline);
        Assert.That(report.Success, Is.True, "dksim.h declares dksim_hid_report");
        Assert.That(report.Groups["body"].Value, Does.Match(@"uint32_t dropped_before;[^\n]*\n\s*uint64_t device_id;"),
            "device_id follows dropped_before in dksim_hid_report");
    }
}
