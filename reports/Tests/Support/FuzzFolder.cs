using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;

namespace ConformanceKit.Reports.Tests.Support;

/// <summary>
/// Builds a fuzz campaign output folder as fuzz/ leaves one (OUT/campaign.json,
/// OUT/findings/&lt;slug&gt;/finding.json + reproducer.txt, program.txt, input.bin, verdict.txt,
/// dext.log, sanitizer.txt), without running a campaign: campaign.json and finding.json are written
/// by the same writers the fuzzer uses (ConformanceKit.Contracts), so they have its format.
/// </summary>
public sealed class FuzzFolder(string path)
{
    public static readonly byte[] Input = [0x01, 0x00, 0x10, 0xff, 0x00, 0x00, 0x80, 0x41];

    public string Path { get; } = path;

    /// <summary>When the campaign started: a minute and a half ago, as if it had just run.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 90);

    public FuzzFolder Campaign(string dext, int findings, string variant = "asan", string transport = "socket")
    {
        var figures = new CampaignFigures
        {
            Dext = dext, Variant = variant, Transport = transport, Jobs = 2, DurationSeconds = 60.0, Execs = 123456, ExecsPerSecond = 2057.6,
            Paths = 150, StartedAt = StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), CrashInputs = findings, Unreproduced = 0,
        };
        new CampaignFile(figures, findings).WriteIn(Path);
        return this;
    }

    /// <summary>
    /// An afl-fuzz instance folder, OUT/afl/&lt;name&gt;/, with this plot_data and, when
    /// <paramref name="startedAfter"/> is given, a fuzzer_stats whose start_time is that many seconds
    /// after the campaign's start.
    /// </summary>
    public string Instance(string name, string plotData, double? startedAfter = null)
    {
        var folder = System.IO.Path.Combine(Path, "afl", name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "plot_data"), plotData);
        if (startedAfter is { } seconds)
            File.WriteAllText(System.IO.Path.Combine(folder, "fuzzer_stats"),
                $"start_time        : {(StartedAt.ToUnixTimeSeconds() + (long)seconds).ToString(System.Globalization.CultureInfo.InvariantCulture)}\n" +
                "execs_done        : 22773\ncorpus_count      : 320\nafl_version       : ++4.04c\n");
        return folder;
    }

    /// <summary>AFL++ 4.x's plot_data header (src/afl-fuzz-init.c).</summary>
    public const string PlotHeader =
        "# relative_time, cycles_done, cur_item, corpus_count, pending_total, pending_favs, map_size, saved_crashes, saved_hangs, max_depth, execs_per_sec, total_execs, edges_found\n";

    /// <summary>A plot_data row as AFL++ 4.x writes it.</summary>
    public static string PlotRow(int seconds, int paths, double execsPerSecond, int crashes) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{seconds}, 0, 1, {paths}, 303, 17, 1.89%, {crashes}, 0, 2, {execsPerSecond:0.00}, {seconds * 700}, 1237\n");

    /// <summary>A finding folder; <paramref name="dextDirectory"/> goes into the replay command as --dext.</summary>
    /// <param name="firstSeen">Seconds after the campaign's start it was first seen, or null for a finding.json without firstSeen.</param>
    public string Finding(string slug, string rule, uint? selector, string kind, bool known, string dext, string dextDirectory,
        string? why = null, bool sanitizer = true, double? firstSeen = 12)
    {
        var folder = System.IO.Path.Combine(Path, "findings", slug);
        Directory.CreateDirectory(folder);
        var signature = $"{rule}|{selector?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}|{kind}";
        new FindingFile(rule, selector, kind, signature, known, why, "the dext survives every call", "AddressSanitizer: heap-buffer-overflow", 2,
            firstSeen is { } seen ? StartedAt.AddSeconds(seen) : null, dext, $"./run.sh replay {folder} --dext {dextDirectory}",
            FirstInput: "main-crashes-id_000000_sig_06_src_000000_time_12000_execs_8400_op_havoc_rep_2").WriteTo(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "reproducer.txt"),
            $"# conformancekit program v1\n# rule: {rule}\nopen c0\ncall c0 {selector} in=00 struct_out=4104  # Struct\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "program.txt"),
            $"# conformancekit program v1\nopen c0\ncall c0 2 scalars=1,2\ncall c0 {selector} in=00 struct_out=4104\nclose c0\n");
        File.WriteAllBytes(System.IO.Path.Combine(folder, "input.bin"), Input);
        File.WriteAllText(System.IO.Path.Combine(folder, "verdict.txt"),
            "step 2: call c0 1 in=00 struct_out=4104\nexpected: the dext survives every call\nobserved: AddressSanitizer: heap-buffer-overflow\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "dext.log"), $"{dext}: HandleExternalStruct in=1 out=4104\n");
        if (sanitizer)
            File.WriteAllText(System.IO.Path.Combine(folder, "sanitizer.txt"),
                "==4242==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000630\n" +
                "WRITE of size 8 at 0x602000000630 thread T0\n    #0 0x7f60 in NullDriver::HandleExternalStruct(IOUserClientMethodArguments*) NullDriver.cpp:454:5\n");
        return folder;
    }
}
