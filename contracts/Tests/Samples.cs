using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Check;
using ConformanceKit.Contracts.Findings;

namespace ConformanceKit.Contracts.Tests;

/// <summary>One record per file format, every optional field set, as the approved files in Approved/ hold them.</summary>
public static class Samples
{
    public static readonly FindingFile Finding = new(
        "memory.safety", 1, "heap-buffer-overflow-write@NullDriver::HandleExternalStruct",
        "memory.safety|1|heap-buffer-overflow-write@NullDriver::HandleExternalStruct", true, "HandleExternalStruct writes 4104 bytes without checking",
        "the dext survives every call", "AddressSanitizer: heap-buffer-overflow", 2, new DateTimeOffset(2026, 12, 2, 10, 0, 12, TimeSpan.Zero),
        "NullDriver", "./run.sh replay out/findings/memory.safety-sel1-0123456789ab --dext dext/NullDriver", 3, "main-crashes-id_000000_sig_06");

    public static readonly KnownHit KnownHit = new("objects.balance", null, "leak:OSAction", "objects.balance|-|leak:OSAction", 4321,
        "known/objects.balance-any-0123456789ab.bin");

    public static readonly KnownHitsFile KnownHits = new("main", 4242, [KnownHit with { FirstInput = "objects.balance-any-0123456789ab.bin" }]);

    public static readonly CampaignFigures Figures = new()
    {
        Dext = "NullDriver", Variant = "asan", Transport = "socket", Jobs = 2, DurationSeconds = 60.1, Execs = 123456, ExecsPerSecond = 2057.6,
        Paths = 150, StartedAt = "2026-12-02T10:00:00.0000000+00:00", CrashInputs = 7, Unreproduced = 1, Untriaged = 2, Interrupted = true,
        KnownHits = [KnownHit],
    };

    public static readonly CampaignFile Campaign = new(Figures, 1)
    {
        Instances = [new CampaignInstance("main", 100000, 1700.5, 150, 5, "100.00%"), new CampaignInstance("sec1", 23456, 357.1, 140, 2, "99.80%")],
        DextFolder = "/work/dext/NullDriver",
        Spec = "/work/dext/NullDriver/spec.yaml",
        CallTimeoutMs = 2000,
    };

    static readonly KnownEntry Known = new("memory.safety", 1, ["heap-buffer-overflow-*@*"], "unchecked Struct output");

    public static readonly CampaignSummary FuzzSummary = new(Figures,
        [new CampaignSummary.Entry(Finding.Rule, Finding.Selector, Finding.Kind, Finding.Signature, "open c0\ncall c0 1 in=00 struct_out=4104\n", true, 3,
            "out/findings/memory.safety-sel1-0123456789ab")])
    {
        KnownFindings = [Known],
    };

    public static readonly CheckFile Check = new(
        "NullDriver", "dext/NullDriver/spec.yaml", "socket", "asan", 1, 60, 4200, false,
        [
            new CheckFile.RuleEntry("memory.safety", RuleStatus.Failed,
                [new CheckFile.RowEntry(1, "Struct", RuleStatus.Failed, 61, 60, 180, null)]),
            new CheckFile.RuleEntry("async.delivery", RuleStatus.NotJudged,
                [new CheckFile.RowEntry(null, null, RuleStatus.NotJudged, 0, 0, 0, "the inproc transport cannot judge asynchronous delivery", ByDesign: true)],
                "the inproc transport cannot judge asynchronous delivery", ByDesign: true),
        ],
        [
            new FindingEntry(Finding.Rule, 1, Finding.Signature, "memory.safety @ 1 Struct: heap-buffer-overflow-write", true, Finding.Kind, 2,
                Finding.Expected, Finding.Observed, "open c0\ncall c0 1 in=00 struct_out=4104\n", "==1==ERROR: AddressSanitizer: heap-buffer-overflow\n",
                null, "./run.sh replay reproducer.txt --dext dext/NullDriver", ["objects.balance at step 3: leak:OSAction"]),
        ],
        [Known], 1, 2);
}
