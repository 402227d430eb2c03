using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Support;
using ConformanceKit.Transports;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Runner;

/// <summary>
/// Crash signatures against a corpus of real reports (harness/Tests/Runner/CrashReports/, like
/// syzkaller's pkg/report/testdata): what dexthost printed when each planted bug of
/// dext/tests/dexts/CrashDriver fired, run by run at other heap layouts, addresses and pids. Each file
/// starts with a comment block — the expected kind, the bug, how it was produced and what the
/// transport reported (summary, exit status or signal) — then "# ---" and the verbatim report.
/// <see cref="Corpus"/> lists the cases; <see cref="RegenerateTheCorpus"/> (explicit) writes the files
/// again from live runs; <see cref="LiveCrashesGiveTheCorpusSignatures"/> checks that today's dext and
/// transport still produce them.
/// </summary>
public class CrashSignatureTests
{
    const string Handle = "CrashUserClient::HandleCall";
    const string NoErrorType = "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1"; // the defaults before report_error_type=1: the issue's reports
    const string WithLeaks = "ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0:symbolize=1";
    static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(2);

    static string Directory => Path.Combine(RepoPaths.Root, "harness", "Tests", "Runner", "CrashReports");

    /// <summary>
    /// One live run of a planted bug: the file it is saved as, the signature it must have, the bug
    /// (selector, build, options), and the calls on one connection: "selector:padding,value" each.
    /// </summary>
    public sealed record CrashCase(string File, string Kind, string Bug, DextVariant Variant, string Calls, string? Environment = null)
    {
        public bool Hangs => Kind == CrashSignature.Hang;

        public override string ToString() => File;
    }

    static CrashCase[] Cases(string name, string kind, string bug, DextVariant variant, string? environment, params string[] runs) =>
        runs.Select((calls, k) => new CrashCase($"{name}-{k + 1}.txt", kind, bug, variant, calls, environment)).ToArray();

    public static readonly CrashCase[] Corpus =
    [
        .. Cases("heap-buffer-overflow-read", $"heap-buffer-overflow-read@CrashUserClient::ReadPastRecord<{Handle}",
            "0 ReadPastRecord", DextVariant.Asan, null, "0:0,7", "0:5,11", "0:40,3"),
        .. Cases("heap-buffer-overflow-write", $"heap-buffer-overflow-write@CrashUserClient::WritePastRecord<{Handle}",
            "1 WritePastRecord", DextVariant.Asan, null, "1:0,3", "1:9,4"),
        .. Cases("heap-use-after-free-read", $"heap-use-after-free-read@CrashUserClient::UseReleasedScratch<{Handle}",
            "2 UseReleasedScratch", DextVariant.Asan, null, "2:0,1 2:0,2", "2:7,1 2:0,5", "2:30,9 2:12,9"),
        .. Cases("double-free", "double-free@DiscardRecord<CrashUserClient::DiscardTwice",
            "3 DiscardTwice", DextVariant.Asan, null, "3:0,9", "3:12,1"),
        .. Cases("SEGV-read", $"SEGV-read@CrashUserClient::ReadUnmappedSlot<{Handle}",
            "4 ReadUnmappedSlot", DextVariant.Asan, null, "4:0,3", "4:2,200"),
        .. Cases("ub-dynamic-type-mismatch", $"ub-dynamic-type-mismatch@CrashUserClient::ApplyWrongFilter<{Handle}",
            "5 ApplyWrongFilter", DextVariant.Asan, null, "5:0,4", "5:20,9"),
        .. Cases("ub-member-call-message", $"ub-member-call-on-address-which-does-not-point-to-an-object-of-type@CrashUserClient::ApplyWrongFilter<{Handle}",
            "5 ApplyWrongFilter without report_error_type", DextVariant.Asan, NoErrorType, "5:0,1", "5:33,2", "5:64,3"),
        .. Cases("ub-signed-integer-overflow", $"ub-signed-integer-overflow@CrashUserClient::ScaleValue<{Handle}",
            "6 ScaleValue", DextVariant.Asan, null, "6:0,9223372036854776", "6:3,4611686018427387904"),
        .. Cases("ub-signed-integer-overflow-message", $"ub-signed-integer-overflow-cannot-be-represented-in-type@CrashUserClient::ScaleValue<{Handle}",
            "6 ScaleValue without report_error_type", DextVariant.Asan, NoErrorType, "6:0,9223372036854776", "6:1,100000000000000000"),
        .. Cases("memory-leak", "memory-leak@AllocateRecord<CrashUserClient::LeakRecord",
            "7 LeakRecord (with detect_leaks=1, ended by 15 Shutdown)", DextVariant.Asan, WithLeaks, "7:0,5 15:0,1", "7:10,6 15:0,2"),
        .. Cases("hang", CrashSignature.Hang, "8 WaitForDevice", DextVariant.Asan, null, "8:0,1", "8:4,2"),
        .. Cases("hang-release", CrashSignature.Hang, "8 WaitForDevice", DextVariant.Release, null, "8:0,1", "8:4,2"),
        .. Cases("ub-out-of-bounds-index", $"ub-out-of-bounds-index@CrashUserClient::ReadTableEntry<{Handle}",
            "9 ReadTableEntry", DextVariant.Asan, null, "9:0,8", "9:0,63"),
        .. Cases("ub-out-of-bounds-index-message", $"ub-index-out-of-bounds-for-type@CrashUserClient::ReadTableEntry<{Handle}",
            "9 ReadTableEntry without report_error_type", DextVariant.Asan, NoErrorType, "9:0,9", "9:5,40"),
        .. Cases("stack-buffer-overflow-write", "stack-buffer-overflow-write@AppendHexLabel<CrashUserClient::FormatLabel",
            "10 FormatLabel", DextVariant.Asan, null, "10:0,77", "10:3,3735928559"),
        .. Cases("ub-misaligned-pointer-use", $"ub-misaligned-pointer-use@CrashUserClient::ReadPacketLength<{Handle}",
            "11 ReadPacketLength", DextVariant.Asan, null, "11:0,3", "11:6,200"),
        .. Cases("ub-invalid-shift-exponent", $"ub-invalid-shift-exponent@CrashUserClient::MakeMask<{Handle}",
            "12 MakeMask", DextVariant.Asan, null, "12:0,32", "12:2,64"),
        .. Cases("ub-null-pointer-use", $"ub-null-pointer-use@CrashUserClient::ReadMissingEntry<{Handle}",
            "13 ReadMissingEntry", DextVariant.Asan, null, "13:0,5", "13:3,6"),
        .. Cases("SEGV-write", $"SEGV-write@CrashUserClient::WriteUnmappedSlot<{Handle}",
            "14 WriteUnmappedSlot", DextVariant.Asan, null, "14:0,2", "14:1,100"),
        .. Cases("exit-3", "exit-3", "15 Shutdown", DextVariant.Asan, null, "15:0,1", "15:8,2"),
        .. Cases("exit-3-release", "exit-3", "15 Shutdown", DextVariant.Release, null, "15:0,1", "15:8,2"),
        .. Cases("assertion-failure", "assertion-failure@CrashUserClient::ReleaseReference", "16 ReleaseReference", DextVariant.Asan, null, "16:0,1", "16:5,2"),
        .. Cases("assertion-failure-release", "assertion-failure@CrashUserClient::ReleaseReference", "16 ReleaseReference", DextVariant.Release, null, "16:0,1", "16:5,2"),
        // Without sanitizers the process dies of the signal and prints nothing: there is no stack to
        // tell these bugs apart (the fuzzer's triage replays crashes on the ASan build, where they differ).
        .. Cases("signal-SIGSEGV", "signal-SIGSEGV", "4 ReadUnmappedSlot", DextVariant.Release, null, "4:0,3", "4:2,200"),
        .. Cases("signal-SIGSEGV-null", "signal-SIGSEGV", "13 ReadMissingEntry", DextVariant.Release, null, "13:0,5", "13:3,6"),
        .. Cases("signal-SIGSEGV-write", "signal-SIGSEGV", "14 WriteUnmappedSlot", DextVariant.Release, null, "14:0,2", "14:1,100"),
        .. Cases("signal-SIGABRT", "signal-SIGABRT", "3 DiscardTwice", DextVariant.Release, null, "3:0,9", "3:12,1"),
        .. Cases("signal-SIGABRT-uaf", "signal-SIGABRT", "2 UseReleasedScratch", DextVariant.Release, null, "2:0,1 2:0,2", "2:7,1 2:0,5"),
    ];

    // ---- The golden files -----------------------------------------------------------------------

    /// <summary>A corpus file: its header fields and the verbatim report.</summary>
    public sealed record ReportFile(string Name, IReadOnlyDictionary<string, string> Header, string Report)
    {
        public string Kind => Header["kind"];
        /// <summary>The planted bug, and the sanitizer options it ran with (which may change its report).</summary>
        public string Bug => Header["bug"] + (Header.TryGetValue("env", out var env) ? $" ({env})" : "");

        /// <summary>The bug in one build: runs of it differ only in run-specific text.</summary>
        public string Runs => $"{Bug}, {Header["variant"]} build";
        public bool Hung => Header["outcome"] == "hang";

        public string Summary => Header.GetValueOrDefault("summary", "");
        public int? ExitCode => Header.TryGetValue("exit", out var code) ? int.Parse(code, CultureInfo.InvariantCulture) : null;
        public int? Signal => Header.TryGetValue("signal", out var signal) ? int.Parse(signal, CultureInfo.InvariantCulture) : null;

        /// <summary>The signature as the runner computes it, from what the transport threw.</summary>
        public string Signature() => Hung
            ? CrashSignature.Kind(new DextHungException(HangTimeout, Report))
            : CrashSignature.Kind(new DextCrashedException(Summary, Report, ExitCode, Signal));

        public override string ToString() => Name;

        public static ReportFile Read(string path)
        {
            var text = File.ReadAllText(path);
            var header = new Dictionary<string, string>(StringComparer.Ordinal);
            var at = 0;
            while (true)
            {
                var end = text.IndexOf('\n', at);
                if (end < 0) throw new FormatException($"{path}: no '# ---' line ends the header");
                var line = text[at..end];
                at = end + 1;
                if (line == "# ---") break;
                if (!line.StartsWith("# ", StringComparison.Ordinal)) throw new FormatException($"{path}: header line '{line}' is not a comment");
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0) continue; // prose
                header[line[2..colon]] = line[(colon + 2)..];
            }
            return new ReportFile(Path.GetFileName(path), header, text[at..]);
        }
    }

    static readonly Lazy<ReportFile[]> Files = new(() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetFiles(Directory, "*.txt").Order(StringComparer.Ordinal).Select(ReportFile.Read).ToArray()
        : []);

    public static IEnumerable<ReportFile> CorpusFiles() => Files.Value;

    [Test]
    public void EveryCaseHasItsFile()
    {
        Assert.That(Files.Value.Select(f => f.Name), Is.EquivalentTo(Corpus.Select(c => c.File)), "CrashReports/ holds exactly the cases of Corpus");
        foreach (var file in Files.Value)
            Assert.That(file.Kind, Is.EqualTo(Corpus.Single(c => c.File == file.Name).Kind), file.Name);
    }

    [TestCaseSource(nameof(CorpusFiles))]
    public void KindIsTheExpectedOne(ReportFile file) => Assert.That(file.Signature(), Is.EqualTo(file.Kind));

    [TestCaseSource(nameof(CorpusFiles))]
    public void KindHasNoRunSpecificText(ReportFile file)
    {
        var kind = file.Signature();
        Assert.Multiple(() =>
        {
            Assert.That(kind, Does.Not.Match("0x[0-9a-fA-F]"), "no address");
            Assert.That(kind, Does.Not.Match(@"[/\\]"), "no path");
            Assert.That(kind, Does.Not.Match(@"\.(cpp|h|so)\b"), "no file name");
            Assert.That(kind, Does.Not.Match(@"\(|\)|:\d"), "no parameter list or line number");
            Assert.That(kind, Does.Not.Contain("dksim::").And.Not.Contain("dexthost::").And.Not.Contain("IOUserClient::"), "no runtime or host frame");
        });
    }

    [Test]
    public void TheSameBugGivesOneSignatureAtEveryAddress()
    {
        foreach (var bug in Files.Value.GroupBy(f => f.Runs))
        {
            var runs = bug.ToArray();
            Assert.That(runs, Has.Length.GreaterThanOrEqualTo(2), $"{bug.Key}: at least two runs");
            Assert.That(runs.Select(r => r.Signature()).Distinct(), Has.Exactly(1).Items, bug.Key);
            // Reports with addresses in them differ from run to run (an assertion's or glibc's one line does not).
            if (runs.All(r => r.Report.Contains("0x", StringComparison.Ordinal)))
                Assert.That(runs.Select(r => r.Report).Distinct(), Has.Exactly(runs.Length).Items, $"{bug.Key}: the runs' reports differ (addresses, pids)");
        }
    }

    [Test]
    public void DifferentBugsGiveDifferentSignatures()
    {
        // A sanitizer report names the bug and its frames; a plain signal, an exit or a hang has no
        // stack, so several bugs of a build without sanitizers share "signal-SIGSEGV".
        var withFrames = Files.Value.Where(f => f.Signature().Contains('@', StringComparison.Ordinal));
        foreach (var kind in withFrames.GroupBy(f => f.Signature()))
            Assert.That(kind.Select(f => f.Bug).Distinct(), Has.Exactly(1).Items, kind.Key);
        Assert.That(withFrames.Select(f => f.Bug).Distinct().Count(), Is.GreaterThanOrEqualTo(15));
    }

    [Test]
    public void TheIssuesMemberCallReportGivesOneSignatureAcrossRuns()
    {
        var runs = Files.Value.Where(f => f.Name.StartsWith("ub-member-call-message-", StringComparison.Ordinal)).ToArray();
        Assert.That(runs, Has.Length.GreaterThanOrEqualTo(2));
        var addresses = runs.Select(r => System.Text.RegularExpressions.Regex.Match(r.Report,
            @"runtime error: member call on address (0x[0-9a-f]+) which does not point to an object of type 'ScaleFilter'").Groups[1].Value).ToArray();
        Assert.That(addresses, Has.All.Not.Empty, "the reports are UBSan's member call message");
        Assert.That(addresses.Distinct(), Has.Exactly(runs.Length).Items, "at a different address in every run");
        Assert.That(runs.Select(r => r.Report), Has.All.Contain("SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior"), "without report_error_type, as in the issue");
        Assert.That(runs.Select(r => r.Signature()).Distinct().Single(),
            Is.EqualTo($"ub-member-call-on-address-which-does-not-point-to-an-object-of-type@CrashUserClient::ApplyWrongFilter<{Handle}"));
    }

    [Test]
    public void TheIssuesLiteralMessageLosesItsAddress()
    {
        static string Report(string address) =>
            $"/src/Hidden/HiddenUserClient.cpp:480:21: runtime error: member call on address {address} which does not point to an object of type 'HiddenFilter'\n" +
            $"{address}: note: object is of type 'OtherFilter'\n 00 00 00 00  48 ab 0c 4e c7 7f 00 00\n              ^~~~~~~~~~~~~~~~~~~~~~~\n              vptr for 'OtherFilter'\n" +
            "    #0 0x7fc74e071eb0 in HiddenUserClient::Apply(unsigned long) /src/Hidden/HiddenUserClient.cpp:480:21\n" +
            "    #1 0x7fc74e070c94 in HiddenUserClient::Handle(unsigned long) /src/Hidden/HiddenUserClient.cpp:272:57\n\n" +
            "SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior /src/Hidden/HiddenUserClient.cpp:480:21 in \n";
        var kinds = new[] { "0x604000000610", "0x604000000650", "0x6020000001f0" }
            .Select(a => CrashSignature.Kind(Report(a), "runtime error: member call on address " + a)).Distinct().ToArray();
        Assert.That(kinds, Is.EqualTo(new[] { "ub-member-call-on-address-which-does-not-point-to-an-object-of-type@HiddenUserClient::Apply<HiddenUserClient::Handle" }));
    }

    [TestCaseSource(nameof(CorpusFiles))]
    public void TruncatedOrGarbledReportsStillGiveAStableKind(ReportFile file)
    {
        var report = file.Report;
        foreach (var length in new[] { 0, 1, 40, 200, report.Length / 3, report.Length / 2, report.Length - 1 }.Where(n => n >= 0 && n <= report.Length))
        {
            var cut = report[..length];
            var kind = CrashSignature.Kind(cut, file.Summary, file.ExitCode, file.Signal);
            Assert.That(kind, Is.Not.Empty);
            Assert.That(CrashSignature.Kind(cut, file.Summary, file.ExitCode, file.Signal), Is.EqualTo(kind), "stable");
            Assert.That(kind, Does.Not.Match("0x[0-9a-fA-F]"));
        }
        var garbled = new string(report.Select((c, k) => k % 7 == 3 ? '\u0000' : c == '\n' && k % 5 == 0 ? '\r' : c).ToArray());
        Assert.That(() => CrashSignature.Kind(garbled, file.Summary, file.ExitCode, file.Signal), Throws.Nothing);
    }

    [Test]
    public void NothingToParseGivesTheWayTheProcessEnded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CrashSignature.Kind("", "signal 11"), Is.EqualTo("signal-SIGSEGV"));
            Assert.That(CrashSignature.Kind("", "signal 6", null, 6), Is.EqualTo("signal-SIGABRT"));
            Assert.That(CrashSignature.Kind("noise\n", "exit 3"), Is.EqualTo("exit-3"));
            Assert.That(CrashSignature.Kind("dexthost: dropping the client: unknown op 99\n", "dexthost: dropping the client: unknown op 99", 1, null), Is.EqualTo("exit-1"));
            Assert.That(CrashSignature.Kind("", "connection lost"), Is.EqualTo("crash-connection-lost"));
            Assert.That(CrashSignature.Kind(null, null, null, null), Is.EqualTo("crash"));
            Assert.That(CrashSignature.Kind("==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1", ""), Is.EqualTo("heap-use-after-free"),
                "a header alone: the bug type alone");
            Assert.That(CrashSignature.Kind("x.cpp:1:2: runtime error: load of misaligned address 0x602000000251 for type 'const uint32_t' (aka 'const unsigned int'), which requires 4 byte alignment", ""),
                Is.EqualTo("ub-load-of-misaligned-address-for-type-which-requires-byte-alignment"));
        });
    }

    [Test]
    public void SummariesNameTheWholeBug()
    {
        string Summary(string name)
        {
            var file = Files.Value.Single(f => f.Name == name);
            return CrashSummary.From(file.Report, file.ExitCode, file.Signal);
        }
        Assert.Multiple(() =>
        {
            Assert.That(Summary("double-free-1.txt"), Is.EqualTo("AddressSanitizer: attempting double-free"));
            Assert.That(Summary("memory-leak-1.txt"), Is.EqualTo("LeakSanitizer: detected memory leaks"));
            Assert.That(Summary("SEGV-read-1.txt"), Is.EqualTo("AddressSanitizer: SEGV"));
            Assert.That(Summary("heap-buffer-overflow-read-1.txt"), Is.EqualTo("AddressSanitizer: heap-buffer-overflow"));
            Assert.That(Summary("signal-SIGSEGV-1.txt"), Is.EqualTo("signal 11"));
            Assert.That(Summary("exit-3-1.txt"), Is.EqualTo("exit 3"));
        });
        foreach (var file in Files.Value.Where(f => !f.Hung))
            Assert.That(CrashSummary.From(file.Report, file.ExitCode, file.Signal), Is.EqualTo(file.Summary), $"{file.Name}: the summary the transport gave");
    }

    [Test]
    public void ReportsOfTheFakeNullDriverKeepTheirKinds()
    {
        Assert.That(CrashSignature.Kind("==1==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x1\nREAD of size 8 at 0x1 thread T0\n    #0 0x1 in NullDriver::HandleExternalStruct(OSObject*) /x/NullDriver.cpp:1:1\n", ""),
            Is.EqualTo("heap-buffer-overflow-read@NullDriver::HandleExternalStruct"));
        Assert.That(CrashSignature.Kind("==1==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x1\nWRITE of size 4104 at 0x1 thread T0\n    #0 0x1 in __asan_memcpy\n    #1 0x1 in NullDriver::HandleExternalStruct(OSObject*) /x/NullDriver.cpp:2:1\n", ""),
            Is.EqualTo("heap-buffer-overflow-write@NullDriver::HandleExternalStruct"));
    }

    [TestCase("CrashUserClient::ReadPastRecord(unsigned long)", "CrashUserClient::ReadPastRecord")]
    [TestCase("void dksim::Runtime::runAs<dksim::CallMethod(unsigned long, dksim::CallBuffers const&)::$_1>(unsigned long, dksim::CallMethod(unsigned long)::$_1&&)", "dksim::Runtime::runAs")]
    [TestCase("dexthost::(anonymous namespace)::Run(dexthost::(anonymous namespace)::CallRequest const&, bool)", "dexthost::(anonymous namespace)::Run")]
    [TestCase("(anonymous namespace)::Helper(int)", "(anonymous namespace)::Helper")]
    [TestCase("CrashUserClient::Stop_Impl(IOService*)::$_0::operator()() const", "CrashUserClient::Stop_Impl")]
    [TestCase("invocation function for block in CrashUserClient::Stop_Impl(IOService*)", "CrashUserClient::Stop_Impl::block_invoke")]
    [TestCase("unsigned long Table<(Kind)0x604000000610>::Lookup(int) const", "Table::Lookup")]
    [TestCase("std::__cxx11::basic_string<char>::_M_create[abi:cxx11](unsigned long&, unsigned long)", "std::__cxx11::basic_string::_M_create")]
    [TestCase("Filter::operator()(unsigned long) const", "Filter::operator()")]
    [TestCase("Mask::operator<<(int)", "Mask::operator<<")]
    [TestCase("operator new(unsigned long)", "operator new")]
    [TestCase("Helper(int) [clone .cold]", "Helper")]
    [TestCase("AppendHexLabel", "AppendHexLabel")]
    public void FunctionNamesLoseParametersTemplatesAndReturnTypes(string demangled, string expected) =>
        Assert.That(CrashSignature.FunctionName(demangled), Is.EqualTo(expected));

    [Test]
    public void FramesWithoutSourceAreJudgedByModuleAndName()
    {
        const string Report = """
            ==7==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000000 (pc 0x000000000000 bp 0x7ffc sp 0x7ffc T0)
            ==7==The signal is caused by a READ memory access.
            ==7==Hint: pc points to the zero page.
                #0 0x0  (<unknown module>)
                #1 0x7f0000001000 in IOUserClient::AsyncCompletion(OSAction*, int, unsigned long const*, unsigned int) (/opt/x/libMyDriver.so+0x1000)
                #2 0x7f0000002000 in MyUserClient::Complete(unsigned long) (/opt/x/libMyDriver.so+0x2000)
                #3 0x7f0000003000  (/lib/x86_64-linux-gnu/libc.so.6+0x94ac3) (BuildId: 0123abcd)
                #4 0x7f0000004000 in pthread_once (/lib/x86_64-linux-gnu/libc.so.6+0x99ee8)
                #5 0x7f0000005000 in MyUserClient::ExternalMethod(unsigned long) (/opt/x/libMyDriver.so+0x3000)

            SUMMARY: AddressSanitizer: SEGV (<unknown module>)
            """;
        Assert.That(CrashSignature.Kind(Report, "AddressSanitizer: SEGV"), Is.EqualTo("SEGV-read@MyUserClient::Complete<MyUserClient::ExternalMethod"));
    }

    [Test]
    public void OnlyTheFirstStackCounts()
    {
        // The report's first stack has one frame of the dext; the "freed by" stack below must not lend a second.
        var report = Files.Value.First(f => f.Name == "heap-use-after-free-read-1.txt").Report;
        Assert.That(CrashSignature.TopFrames(report), Is.EqualTo(new[] { "CrashUserClient::UseReleasedScratch", Handle }));
        var onlyTopFrame = string.Join('\n', report.Split('\n').Where(l => !l.Contains("HandleCall", StringComparison.Ordinal) &&
            !l.Contains("StaticHandleCall", StringComparison.Ordinal) && !l.Contains("CrashUserClient::ExternalMethod", StringComparison.Ordinal) ||
            l.Contains("freed by", StringComparison.Ordinal)));
        Assert.That(CrashSignature.TopFrames(onlyTopFrame), Is.EqualTo(new[] { "CrashUserClient::UseReleasedScratch" }));
    }

    // ---- Live runs ------------------------------------------------------------------------------

    /// <summary>One run of every bug through the runner, as check and fuzz run it: the signature is the corpus's.</summary>
    [Test]
    public void LiveCrashesGiveTheCorpusSignatures()
    {
        var spec = SpecLoader.LoadFile(Path.Combine(CrashDriverDirectory, "spec.yaml"));
        foreach (var first in Corpus.GroupBy(c => (c.Bug, c.Variant)).Select(g => g.First()))
        {
            using var environment = new EnvironmentOverride(first.Environment);
            using var transport = new SocketTransport(HostPath(first.Variant), first.Hangs ? HangTimeout : CallTimeout);
            var result = new ProgramRunner(spec, transport).Run(ProgramFor(first));
            var crash = result.Violations.Where(v => v.Rule == Rules.MemorySafety).Select(v => v.Kind).ToArray();
            Assert.That(crash, Is.EqualTo(new[] { first.Kind }), $"{first.File}: {result.Crash?.Summary}");
            Assert.That(spec.IsKnown(Rules.MemorySafety, result.Violations.Single().Selector, first.Kind), Is.True,
                $"{first.File}: the spec lists {first.Kind} as known");
        }
    }

    /// <summary>Writes CrashReports/ again from live runs (dotnet test --filter Name=RegenerateTheCorpus).</summary>
    [Test, Explicit("rewrites harness/Tests/Runner/CrashReports from live runs of CrashDriver")]
    public void RegenerateTheCorpus()
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var old in System.IO.Directory.GetFiles(Directory, "*.txt")) File.Delete(old);
        foreach (var crashCase in Corpus)
        {
            var text = new StringBuilder()
                .Append("# kind: ").Append(crashCase.Kind).Append('\n')
                .Append("# bug: CrashDriver selector ").Append(crashCase.Bug).Append('\n')
                .Append("# variant: ").Append(crashCase.Variant.Name()).Append('\n');
            if (crashCase.Environment is { } env) text.Append("# env: ").Append(env).Append('\n');
            text.Append("# calls: ").Append(crashCase.Calls).Append("   (selector:padding,value on one connection)\n")
                .Append("# produced by: CrashSignatureTests.RegenerateTheCorpus, SocketTransport on build/dexts/CrashDriver/")
                .Append(crashCase.Variant.Name()).Append("/dexthost\n");
            string report;
            try
            {
                RunCalls(crashCase);
                Assert.Fail($"{crashCase.File}: the calls did not crash or hang the dext");
                return;
            }
            catch (DextCrashedException crash)
            {
                text.Append("# outcome: crash\n# summary: ").Append(crash.Summary).Append('\n');
                if (crash.ExitCode is { } code) text.Append("# exit: ").Append(code.ToString(CultureInfo.InvariantCulture)).Append('\n');
                if (crash.Signal is { } signal) text.Append("# signal: ").Append(signal.ToString(CultureInfo.InvariantCulture)).Append('\n');
                report = crash.Report;
            }
            catch (DextHungException hang)
            {
                text.Append("# outcome: hang\n# summary: ").Append(hang.Message).Append('\n');
                report = hang.Log;
            }
            File.WriteAllText(Path.Combine(Directory, crashCase.File), text.Append("# ---\n").Append(report).ToString());
        }
    }

    /// <summary>The case's calls straight on the transport, so that the exception (with exit status or signal) reaches the caller.</summary>
    static void RunCalls(CrashCase crashCase)
    {
        using var environment = new EnvironmentOverride(crashCase.Environment);
        using var transport = new SocketTransport(HostPath(crashCase.Variant), crashCase.Hangs ? HangTimeout : CallTimeout);
        Assert.That(transport.Open("CrashDriver", 0, [], out var connection), Is.EqualTo(IOReturn.Success));
        foreach (var (selector, padding, value) in Calls(crashCase))
        {
            var output = new ulong[1];
            var result = transport.Call(connection, selector, [], [padding, value], [], output, []);
            Assert.That(result.Return, Is.EqualTo(IOReturn.Success), $"{crashCase.File}: a call before the crash");
        }
    }

    static IEnumerable<(uint Selector, ulong Padding, ulong Value)> Calls(CrashCase crashCase) =>
        crashCase.Calls.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(call =>
        {
            var selector = call[..call.IndexOf(':', StringComparison.Ordinal)];
            var scalars = call[(selector.Length + 1)..].Split(',');
            return (uint.Parse(selector, CultureInfo.InvariantCulture), ulong.Parse(scalars[0], CultureInfo.InvariantCulture),
                ulong.Parse(scalars[1], CultureInfo.InvariantCulture));
        });

    static ConformanceKit.Programs.Program ProgramFor(CrashCase crashCase) =>
        P.Program("open c0\n" + string.Concat(Calls(crashCase).Select(c => $"call c0 {c.Selector} scalars={c.Padding},{c.Value} scalar_out=1\n")));

    static string CrashDriverDirectory => Path.Combine(RepoPaths.Root, "dext", "tests", "dexts", "CrashDriver");

    static readonly ConcurrentDictionary<DextVariant, Lazy<string>> Built = new();

    /// <summary>CrashDriver built through dext/build-dext.sh (as the CLI builds a dext), once per variant and test run.</summary>
    static string HostPath(DextVariant variant) =>
        Built.GetOrAdd(variant, v => new Lazy<string>(() =>
        {
            var target = DextTarget.Resolve(CrashDriverDirectory);
            target.Build(v);
            return target.HostPath(v);
        })).Value;

    /// <summary>Sets NAME=VALUE for the hosts started meanwhile (HostEnvironment keeps a variable the user set) and restores it.</summary>
    sealed class EnvironmentOverride : IDisposable
    {
        readonly string? _name;
        readonly string? _previous;

        public EnvironmentOverride(string? assignment)
        {
            if (assignment is null) return;
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            _name = assignment[..equals];
            _previous = Environment.GetEnvironmentVariable(_name);
            Environment.SetEnvironmentVariable(_name, assignment[(equals + 1)..]);
        }

        public void Dispose()
        {
            if (_name is not null) Environment.SetEnvironmentVariable(_name, _previous);
        }
    }
}
