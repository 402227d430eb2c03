using System.Text;
using ConformanceKit.Cli;
using ConformanceKit.Cli.Output;
using ConformanceKit.Programs;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// What a new user gets for a bad input, across every command and every kind of spec problem: one
/// line on stderr (the message the table expects), exit 2, nothing on stdout (so nothing ran), no stack
/// trace, no "Unhandled exception", and no temporary file left behind. Each row is a command line
/// whose placeholders name files of the row's own scratch folder:
/// <list type="bullet">
/// <item>{s} the folder; {dir} an empty folder in it; {file} a text file; {missing} a path that does not exist;</item>
/// <item>{spec} the row's spec (spec.yaml), {repro} its reproducer (repro.txt), {good} a valid reproducer;</item>
/// <item>{dext} dext/NullDriver of this checkout, {hardened} its dext/NullDriverHardened.</item>
/// </list>
/// Rows fail in option, spec or reproducer validation — before a dext is built or a transport opened —
/// so the whole table takes seconds; spec rows use --transport inproc all the same.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class BadInputTests
{
    /// <summary>A valid spec (checked by <see cref="TheBaseSpecAndReproducerAreValid"/>); each spec row changes one thing. Line numbers matter.</summary>
    const string BaseSpec = """
        specVersion: 1
        dext: NullDriver
        service: NullDriver
        bundleIdentifier: com.example.NullDriver
        access: any
        connectionType: 0
        outOfRange: kIOReturnUnsupported
        selectors:
          - selector: 0
            name: Scalar
            scalarInput: 16
            scalarOutput: 16
            result:
              scalarOutput: { each: "in.scalar[i] + 1" }
          - selector: 1
            name: Struct
            checked: false
            structInput: 16
            structOutput: 16
            result:
              structOutput: ["in.u64[0] + 1", "in.u64[1] + 10"]
            examples:
              - structInput: { u64: [1, 2] }
                structOutput: { u64: [2, 12] }
          - selector: 4
            name: RegisterAsyncCallback
            completion: required
            structInput: 16
            async: register
            completes: true
          - selector: 5
            name: AsyncRequest
            completion: any
            structInput: 16
            async: request
            completes: true
        async:
          delay: 5s
          leeway: 2s
          status: kIOReturnSuccess
          args: ["2", "in.u64[0] + 1"]
        known:
          - rule: memory.safety
            selector: 1
            kind: heap-buffer-overflow-read@*
            why: reads 16 bytes of any input

        """;

    const string GoodReproducer = "# dext: NullDriver\nopen c0\ncall c0 0 scalars=1 scalar_out=1\nclose c0\n";

    static readonly TimeSpan RowTimeout = TimeSpan.FromSeconds(90);

    /// <summary>One row: a command line, the exit code, the start of stderr's one line, and the files it needs.</summary>
    public sealed record Case(string Name, string Command, string[] Args, int Exit, string Stderr, IReadOnlyList<(string Name, Func<byte[]> Content)> Files)
    {
        public Case With(string name, Func<byte[]> content) => this with { Files = [.. Files, (name, content)] };

        public override string ToString() => Name;
    }

    static Case Row(string name, string stderr, params string[] args) =>
        new(name, args.FirstOrDefault(a => !a.StartsWith('-')) ?? "(global)", args, ExitCodes.UsageOrSetup, "conformancekit: error: " + stderr, []);

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The base spec with one edit (which must apply exactly once), checked against it.</summary>
    static Case SpecRow(string name, string stderr, string from, string to) => SpecRow(name, stderr, () => Utf8(Edit(from, to)));

    static Case SpecRow(string name, string stderr, Func<byte[]> spec) =>
        Row("spec: " + name, "{spec}" + stderr, "check", "--transport", "inproc", "--cases", "1", "--spec", "{spec}").With("spec.yaml", spec);

    static Case ReproRow(string name, string stderr, string program, string command = "replay") =>
        ReproRow(name, stderr, () => Utf8(program), command);

    static Case ReproRow(string name, string stderr, Func<byte[]> program, string command = "replay") =>
        Row($"{command}: {name}", "{repro}" + stderr, command, "--transport", "inproc", "{repro}").With("repro.txt", program);

    static string Edit(string from, string to)
    {
        var at = BaseSpec.IndexOf(from, StringComparison.Ordinal);
        if (at < 0 || BaseSpec.IndexOf(from, at + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"the base spec must contain '{from}' exactly once");
        return BaseSpec[..at] + to + BaseSpec[(at + from.Length)..];
    }

    /// <summary>Bytes that start like an ELF file: valid UTF-8 for 8 bytes, then not.</summary>
    static byte[] Binary() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. Enumerable.Range(0, 4096).Select(k => (byte)(0x80 | (k * 37 % 128)))];

    static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    static IEnumerable<Case> GlobalAndParseRows() =>
    [
        Row("no command", "Required command was not provided. (see 'conformancekit --help')"),
        Row("unknown command", "Unrecognized command or argument 'nosuch'", "nosuch"),
        Row("unknown global option", "Unrecognized command or argument '--nosuch'", "--nosuch"),
        Row("--verbose alone", "Required command was not provided.", "--verbose"),
        Row("--verbose before the command", "--cases 0: expected at least 1", "--verbose", "check", "--cases", "0"),
        Row("--verbose after the command", "--cases 0: expected at least 1", "check", "--verbose", "--cases", "0"),
        Row("check unknown option", "Unrecognized command or argument '--nosuch'", "check", "--nosuch"),
        Row("check extra argument", "Unrecognized command or argument 'extra'", "check", "extra"),
        Row("check --cases without value", "Required argument missing for option: '--cases'.", "check", "--cases"),
        Row("check --cases abc", "Cannot parse argument 'abc' for option '--cases'", "check", "--cases", "abc"),
        Row("check --cases over int", "Cannot parse argument '99999999999' for option '--cases'", "check", "--cases", "99999999999"),
        Row("check --seed abc", "Cannot parse argument 'abc' for option '--seed'", "check", "--seed", "abc"),
        Row("check --seed 1.5", "Cannot parse argument '1.5' for option '--seed'", "check", "--seed", "1.5"),
        Row("check --seed over int", "Cannot parse argument '99999999999' for option '--seed'", "check", "--seed", "99999999999"),
        Row("check --transport bogus", "Argument 'bogus' not recognized. Must be one of:", "check", "--transport", "bogus"),
        Row("check --variant bogus", "Argument 'bogus' not recognized. Must be one of:", "check", "--variant", "bogus"),
        Row("check --call-timeout-ms abc", "Cannot parse argument 'abc' for option '--call-timeout-ms'", "check", "--call-timeout-ms", "abc"),
        Row("check --json without value", "Required argument missing for option: '--json'.", "check", "--json"),
        Row("check --rule without value", "Required argument missing for option: '--rule'.", "check", "--rule"),
        Row("replay without FILE", "Required argument missing for command: 'replay'.", "replay"),
        Row("replay two FILEs", "Unrecognized command or argument 'b'", "replay", "a", "b"),
        Row("minimize without FILE", "Required argument missing for command: 'minimize'.", "minimize"),
        Row("minimize --json a directory", "--json {dir}: is a directory", "minimize", "--json", "{dir}", "{good}"),
        Row("minimize --json under a file", "--json {file}/x.json: {file} is a file, not a folder", "minimize", "--json", "{file}/x.json", "{good}"),
        Row("summary without FILES", "Required argument missing for command: 'summary'.", "summary"),
        Row("summary --expect-known without FILES", "Required argument missing for command: 'summary'.", "summary", "--expect-known"),
        Row("summary an option-like FILE", "--nosuch: no such file", "summary", "{file}", "--nosuch"),
    ];

    static IEnumerable<Case> CheckOptionRows() =>
    [
        Row("check --cases 0", "--cases 0: expected at least 1", "check", "--cases", "0"),
        Row("check --cases negative", "--cases -5: expected at least 1", "check", "--cases", "-5"),
        Row("check --call-timeout-ms 0", "--call-timeout-ms 0: expected 1 to 86400000", "check", "--call-timeout-ms", "0"),
        Row("check --call-timeout-ms negative", "--call-timeout-ms -1: expected 1 to 86400000", "check", "--call-timeout-ms", "-1"),
        Row("check --call-timeout-ms over a day", "--call-timeout-ms 86400001: expected 1 to 86400000", "check", "--call-timeout-ms", "86400001"),
        Row("check --rule unknown", "unknown rule 'nosuch.rule'", "check", "--rule", "nosuch.rule"),
        Row("check --rule empty", "unknown rule ''", "check", "--rule", ""),
        Row("check --dext empty", "--dext: an empty path", "check", "--dext", ""),
        Row("check --dext blank", "--dext: an empty path", "check", "--dext", "   "),
        Row("check --dext missing", "dext folder not found: {missing}", "check", "--dext", "{missing}"),
        Row("check --dext a file", "--dext {file}: is a file", "check", "--dext", "{file}"),
        Row("check --dext without a spec", "no spec: {dir}/spec.yaml does not exist", "check", "--dext", "{dir}"),
        Row("check --spec empty", "--spec: an empty path", "check", "--spec", ""),
        Row("check --spec a directory", "--spec {dir}: is a directory", "check", "--spec", "{dir}"),
        Row("check --spec missing", "no spec: {missing} does not exist", "check", "--spec", "{missing}"),
        Row("check --service empty", "--service: an empty name", "check", "--service", ""),
        Row("check --json a directory", "--json {dir}: is a directory", "check", "--transport", "inproc", "--json", "{dir}"),
        Row("check --json under a file", "--json {file}/x.json: {file} is a file, not a folder", "check", "--transport", "inproc", "--json", "{file}/x.json"),
        Row("check --json deep under a file", "--json {file}/a/b/x.json: {file} is a file, not a folder", "check", "--json", "{file}/a/b/x.json"),
        Row("check --json empty", "--json: an empty path", "check", "--json", ""),
        Row("check --json before a bad spec", "--json {dir}: is a directory", "check", "--spec", "{spec}", "--json", "{dir}").With("spec.yaml", () => []),
        Row("check --transport inproc --variant asan", "the asan build runs only inside dexthost", "check", "--transport", "inproc", "--variant", "asan"),
    ];

    static IEnumerable<Case> ReplayAndMinimizeOptionRows() =>
    [
        Row("replay FILE empty", "FILE: an empty path", "replay", ""),
        Row("replay FILE missing", "no reproducer at {missing}", "replay", "{missing}"),
        Row("replay a folder without reproducer.txt", "no reproducer at {dir}/reproducer.txt", "replay", "{dir}"),
        Row("replay /dev/zero", "/dev/zero: larger than 64 MiB", "replay", "/dev/zero"),
        Row("replay a finding folder with a bad reproducer", "{s}/finding/reproducer.txt:1: unknown step 'bogus'", "replay", "{s}/finding")
            .With("finding/reproducer.txt", () => Utf8("bogus c0\n")),
        Row("replay --json a directory", "--json {dir}: is a directory", "replay", "--json", "{dir}", "{good}"),
        Row("replay --json under a file", "--json {file}/x.json: {file} is a file, not a folder", "replay", "--json", "{file}/x.json", "{good}"),
        Row("replay --json empty", "--json: an empty path", "replay", "--json", "", "{good}"),
        Row("replay --dext empty", "--dext: an empty path", "replay", "--dext", "", "{good}"),
        Row("replay --dext a file", "--dext {file}: is a file", "replay", "--dext", "{file}", "{good}"),
        Row("replay --dext missing", "dext folder not found: {missing}", "replay", "--dext", "{missing}", "{good}"),
        Row("replay --spec empty", "--spec: an empty path", "replay", "--spec", "", "{good}"),
        Row("replay --spec a directory", "--spec {dir}: is a directory", "replay", "--spec", "{dir}", "{good}"),
        Row("replay --spec missing", "no spec: {missing} does not exist", "replay", "--dext", "{dext}", "--spec", "{missing}", "{good}"),
        Row("replay --spec bad", "{spec}:1: the spec is empty", "replay", "--dext", "{dext}", "--transport", "inproc", "--spec", "{spec}", "{good}").With("spec.yaml", () => []),
        Row("replay --call-timeout-ms 0", "--call-timeout-ms 0: expected 1 to 86400000", "replay", "--call-timeout-ms", "0", "{good}"),
        Row("replay --service empty", "--service: an empty name", "replay", "--service", "", "{good}"),
        Row("replay --transport inproc --variant asan", "the asan build runs only inside dexthost", "replay", "--dext", "{dext}", "--transport", "inproc", "--variant", "asan", "{good}"),
        Row("replay without --dext", "{good} was made on dext 'NullDriver'; pass --dext", "replay", "{good}"),
        Row("minimize without --dext", "{good} was made on dext 'NullDriver'; pass --dext", "minimize", "{good}"),
        Row("replay a dext of another name", "{good} was made on dext 'NullDriver', not on 'NullDriverHardened'", "replay", "--dext", "{hardened}", "{good}"),
        Row("minimize FILE empty", "FILE: an empty path", "minimize", ""),
        Row("minimize FILE missing", "no reproducer at {missing}", "minimize", "{missing}"),
        Row("minimize --out a directory", "--out {dir}: is a directory", "minimize", "--out", "{dir}", "{good}"),
        Row("minimize --out under a file", "--out {file}/min.txt: {file} is a file, not a folder", "minimize", "--out", "{file}/min.txt", "{good}"),
        Row("minimize --out empty", "--out: an empty path", "minimize", "--out", "", "{good}"),
        Row("minimize --dext empty", "--dext: an empty path", "minimize", "--dext", "", "{good}"),
        Row("minimize --spec a directory", "--spec {dir}: is a directory", "minimize", "--spec", "{dir}", "{good}"),
        Row("minimize --call-timeout-ms negative", "--call-timeout-ms -5: expected 1 to 86400000", "minimize", "--call-timeout-ms", "-5", "{good}"),
    ];

    static IEnumerable<Case> ReproducerRows() =>
    [
        ReproRow("empty", ": no steps", ""),
        ReproRow("only comments", ": no steps", "# conformancekit program v1\n# nothing else\n"),
        ReproRow("binary", ":1: not UTF-8 text: byte 0x80 at column 9", Binary),
        ReproRow("UTF-16", ":1: not UTF-8 text: byte 0xff at column 1", () => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("open c0\n")).ToArray()),
        ReproRow("invalid byte on line 3", ":3: not UTF-8 text: byte 0xfe at column 6", () => [.. Utf8("open c0\nclose c0\nopen "), 0xFE, .. Utf8("c0\n")]),
        ReproRow("larger than 64 MiB", ": larger than 64 MiB", () => Utf8("open c0\n# " + new string('x', (64 << 20) + 10) + "\n")),
        ReproRow("unknown step", ":1: unknown step 'frobnicate'", "frobnicate c0\n"),
        ReproRow("unknown step with a NUL", ":1: unknown step 'open?'", "open\0 c0\n"),
        ReproRow("a 100000-character word", ":1: unknown step '" + new string('x', 40) + "…'", new string('x', 100_000) + "\n"),
        ReproRow("call before open", ":1: c0 is not open", "call c0 1\n"),
        ReproRow("CRLF line endings", ":2: c1 is not open", "open c0\r\ncall c1 1\r\n"),
        ReproRow("connection c9", ":1: 'c9' is not a connection (c0..c3)", "open c9\n"),
        ReproRow("open twice", ":2: c0 is already open", "open c0\nopen c0\n"),
        ReproRow("close before open", ":1: c0 is not open", "close c0\n"),
        ReproRow("close without connection", ":1: close needs a connection like c0", "close\n"),
        ReproRow("open access not an identifier", ":1: 'bad!id' is not a bundle identifier", "open c0 access=bad!id\n"),
        ReproRow("open type negative", ":1: type: '-1' is not a number up to 4294967295", "open c0 type=-1\n"),
        ReproRow("open unknown option", ":1: open: unknown option 'frob'", "open c0 frob=1\n"),
        ReproRow("in 1 GiB", ":2: in: at least 1073741824 bytes of structure input, over the 16777216", "open c0\ncall c0 1 in=00*1073741824\n"),
        ReproRow("in 1 GiB twice", ":2: in: at least 1073741824 bytes", "open c0\ncall c0 1 in=00*1073741824+00*1073741824\n"),
        ReproRow("in counts overflow when added", ":2: in: more than 18446744073709551615 bytes", "open c0\ncall c0 1 in=00*16777216+00*18446744073709551615\n"),
        ReproRow("in one byte over", ":2: in: at least 16777217 bytes", "open c0\ncall c0 1 in=00*16777216+00\n"),
        ReproRow("in repeat count over 64 bits", ":2: repeat count: '99999999999999999999' is not a number", "open c0\ncall c0 1 in=00*99999999999999999999\n"),
        ReproRow("in too many u64 words", ":2: in: 2100000 u64 words (16800000 bytes)", "open c0\ncall c0 1 in=u64:" + string.Join(',', Enumerable.Repeat("1", 2_100_000)) + "\n"),
        ReproRow("in odd hex", ":2: in: 'abc' is not hex bytes", "open c0\ncall c0 1 in=abc\n"),
        ReproRow("in not hex", ":2: in: 'zz' is not hex bytes", "open c0\ncall c0 1 in=zz\n"),
        ReproRow("in repeat of half a byte", ":2: in: '0*5' must repeat one byte", "open c0\ncall c0 1 in=0*5\n"),
        ReproRow("in repeat of two bytes", ":2: in: '0000*5' must repeat one byte", "open c0\ncall c0 1 in=0000*5\n"),
        ReproRow("in repeat without count", ":2: repeat count: '' is not a number", "open c0\ncall c0 1 in=00*\n"),
        ReproRow("scalars 65", ":2: scalars: 65 values; the harness passes at most 64", "open c0\ncall c0 0 scalars=" + string.Join(',', Enumerable.Repeat("1", 65)) + "\n"),
        ReproRow("scalars 100000", ":2: scalars: 100000 values", "open c0\ncall c0 0 scalars=" + string.Join(',', Enumerable.Repeat("1", 100_000)) + "\n"),
        ReproRow("scalars with an empty value", ":2: scalar: '' is not a number", "open c0\ncall c0 0 scalars=1,,2\n"),
        ReproRow("scalars negative", ":2: scalar: '-1' is not a number", "open c0\ncall c0 0 scalars=-1\n"),
        ReproRow("struct_out over 64 bits", ":2: struct_out: '99999999999999999999999' is not a number", "open c0\ncall c0 1 struct_out=99999999999999999999999\n"),
        ReproRow("struct_out 2^64-1", ":2: struct_out=18446744073709551615 is over 16777216", "open c0\ncall c0 1 struct_out=18446744073709551615\n"),
        ReproRow("struct_out one over", ":2: struct_out=16777217 is over 16777216", "open c0\ncall c0 1 struct_out=16777217\n"),
        ReproRow("scalar_out 65", ":2: scalar_out=65 is over 64", "open c0\ncall c0 0 scalar_out=65\n"),
        ReproRow("scalar_out over 32 bits", ":2: scalar_out: '4294967296' is not a number up to 4294967295", "open c0\ncall c0 0 scalar_out=4294967296\n"),
        ReproRow("call without selector", ":2: call needs a selector", "open c0\ncall c0\n"),
        ReproRow("selector over 32 bits", ":2: selector: '4294967296' is not a number up to 4294967295", "open c0\ncall c0 4294967296\n"),
        ReproRow("async without refcon", ":2: async needs refcon=N", "open c0\nasync c0 4 in=u64:1,2\n"),
        ReproRow("refcon on a call", ":2: call: unknown option 'refcon'", "open c0\ncall c0 1 refcon=1\n"),
        ReproRow("not key=value", ":2: 'foo' should be key=value", "open c0\ncall c0 1 foo\n"),
        ReproRow("option twice", ":2: 'in' is given twice", "open c0\ncall c0 1 in=00 in=01\n"),
        ReproRow("wait without duration", ":2: wait needs a duration like 5s", "open c0\nwait\n"),
        ReproRow("wait with two words", ":2: wait: unexpected 'parsecs'", "open c0\nwait 5 parsecs\n"),
        ReproRow("wait bad unit", ":2: wait: '5x' is not a duration", "open c0\nwait 5x\n"),
        ReproRow("wait overflowing", ":2: wait: '99999999999999999999h' is not a duration", "open c0\nwait 99999999999999999999h\n"),
        ReproRow("in 1 GiB", ":2: in: at least 1073741824 bytes", "open c0\ncall c0 1 in=00*1073741824\n", "minimize"),
        ReproRow("binary", ":1: not UTF-8 text", Binary, "minimize"),
        ReproRow("empty", ": no steps", "", "minimize"),
        ReproRow("scalars 65", ":2: scalars: 65 values", "open c0\ncall c0 0 scalars=" + string.Join(',', Enumerable.Repeat("1", 65)) + "\n", "minimize"),
    ];

    static IEnumerable<Case> SummaryRows() =>
    [
        Row("summary FILE missing", "{missing}: no such file", "summary", "{missing}"),
        Row("summary a directory", "{dir}: is a directory", "summary", "{dir}"),
        Row("summary FILE empty", "summary: an empty path", "summary", ""),
        Row("summary a text file", "{file} is neither a check result", "summary", "{file}"),
        Row("summary a directory after a file", "{dir}: is a directory", "summary", "{file}", "{dir}"),
        Row("summary a missing file after a file", "{missing}: no such file", "summary", "{file}", "{missing}"),
        Row("summary binary", "{s}/binary.json is neither a check result", "summary", "{s}/binary.json").With("binary.json", Binary),
        Row("summary empty file", "{s}/empty.json is neither a check result", "summary", "{s}/empty.json").With("empty.json", () => []),
        Row("summary a JSON list", "{s}/list.json is neither a check result", "summary", "{s}/list.json").With("list.json", () => Utf8("[1, 2]")),
        Row("summary deeply nested JSON", "{s}/deep.json is neither a check result", "summary", "{s}/deep.json").With("deep.json", () => Utf8(Repeat("[", 100_000))),
        Row("summary non-UTF-8 JSON", "{s}/latin1.json is neither a check result", "summary", "{s}/latin1.json").With("latin1.json", () => [.. Utf8("{\"rules\": \""), 0xFF, .. Utf8("\"}")]),
        Row("summary /dev/null", "/dev/null is neither a check result", "summary", "/dev/null"),
        Row("summary /dev/zero", "/dev/zero: larger than 256 MiB", "summary", "/dev/zero"),
    ];

    /// <summary>Only rows that fail in option validation, before any campaign work (fuzz itself belongs to the campaign tests).</summary>
    static IEnumerable<Case> FuzzOptionRows() =>
    [
        Row("fuzz without --out", "Option '--out' is required.", "fuzz"),
        Row("fuzz --time 10x", "--time 10x", "fuzz", "--out", "{s}/campaign", "--time", "10x"),
        Row("fuzz --time 0s", "--time 0s", "fuzz", "--out", "{s}/campaign", "--time", "0s"),
        Row("fuzz --time empty", "--time ", "fuzz", "--out", "{s}/campaign", "--time", ""),
        Row("fuzz --jobs 0", "--jobs 0", "fuzz", "--out", "{s}/campaign", "--jobs", "0"),
        Row("fuzz --jobs 65", "--jobs 65", "fuzz", "--out", "{s}/campaign", "--jobs", "65"),
        Row("fuzz --jobs abc", "Cannot parse argument 'abc' for option '--jobs'", "fuzz", "--out", "{s}/campaign", "--jobs", "abc"),
        Row("fuzz --variant bogus", "Argument 'bogus' not recognized. Must be one of:", "fuzz", "--out", "{s}/campaign", "--variant", "bogus"),
        Row("fuzz --resume --fresh", "--resume and --fresh", "fuzz", "--out", "{s}/campaign", "--resume", "--fresh"),
        Row("fuzz --call-timeout-ms 5", "--call-timeout-ms", "fuzz", "--out", "{s}/campaign", "--call-timeout-ms", "5"),
        // A campaign.json cut short or edited by hand: resuming or triaging that campaign says so, and touches nothing.
        Row("fuzz --resume, campaign.json cut short", "{s}/campaign/campaign.json: not the expected JSON", "fuzz", "--out", "{s}/campaign", "--resume")
            .With("campaign/campaign.json", () => Utf8("{\"dext\": \"NullDriver\", \"jobs\": ")),
        Row("triage, campaign.json missing fields", "{s}/campaign/campaign.json: not the expected JSON", "triage", "--out", "{s}/campaign")
            .With("campaign/campaign.json", () => Utf8("{\"dext\": \"NullDriver\"}")),
    ];

    static IEnumerable<Case> SpecCommandRows() =>
    [
        Row("spec init without --dext", "spec init: give the dext folder with --dext", "spec", "init"),
        Row("spec init --dext missing", "dext folder not found: {missing}", "spec", "init", "--dext", "{missing}"),
        Row("spec init --dext a file", "--dext {file}: is a file", "spec", "init", "--dext", "{file}"),
        Row("spec init --out a directory", "--out {dir}: is a directory", "spec", "init", "--dext", "{dir}", "--out", "{dir}"),
        Row("spec init --out under a file", "--out {file}/spec.yaml: {file} is a file, not a folder", "spec", "init", "--dext", "{dir}", "--out", "{file}/spec.yaml"),
        Row("spec init --out existing", "--out {file} exists; pass --force to replace it", "spec", "init", "--dext", "{dir}", "--out", "{file}"),
        Row("spec diff without a spec", "no spec: {dir}/spec.yaml does not exist", "spec", "diff", "--dext", "{dir}"),
        Row("spec without a subcommand", "Required command was not provided", "spec"),
    ];

    static IEnumerable<Case> SpecRows() =>
    [
        // Not a spec at all.
        SpecRow("empty file", ":1: the spec is empty", () => []),
        SpecRow("only comments", ":1: the spec is empty", () => Utf8("# a spec, one day\n")),
        SpecRow("binary", ":1: not UTF-8 text: byte 0x80 at column 9", Binary),
        SpecRow("invalid byte in a name", ":16: not UTF-8 text: byte 0xff at column 14", () => Encoding.Latin1.GetBytes(Edit("name: Struct", "name: Str\u00ffuct"))),
        SpecRow("UTF-16", ":1: UTF-16 text: save the spec as UTF-8", () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(BaseSpec)]),
        SpecRow("larger than 16 MiB", ": larger than 16 MiB: not a spec", () => Utf8(BaseSpec + "# " + new string('x', 16 << 20) + "\n")),
        SpecRow("a scalar", ":1: spec must be a mapping of keys to values", () => Utf8("hello\n")),
        SpecRow("a list", ":1: spec must be a mapping of keys to values", () => Utf8("- a\n- b\n")),
        // Bad YAML.
        SpecRow("tab indentation", ":10: not valid YAML:", "    name: Scalar\n", "\tname: Scalar\n"),
        SpecRow("flow list left open across lines", ":41: not valid YAML", "args: [\"2\", \"in.u64[0] + 1\"]", "args: [\"2\", \"in.u64[0] + 1\""),
        SpecRow("flow mapping left open across lines", ":15: not valid YAML", "scalarOutput: { each: \"in.scalar[i] + 1\" }", "scalarOutput: { each: \"in.scalar[i] + 1\""),
        SpecRow("escape past Unicode", ":10: not valid YAML", "name: Scalar", "name: \"\\UFFFFFFFF\""),
        SpecRow("unknown escape", ":10: not valid YAML", "name: Scalar", "name: \"\\q\""),
        SpecRow("quote left open", ":11: not valid YAML", "name: Scalar", "name: \"Scalar"),
        SpecRow("undefined alias", ":2: not valid YAML: the alias *nope has no anchor &nope before it", "dext: NullDriver", "dext: *nope"),
        SpecRow("two documents", ":48: a second YAML document", () => Utf8(BaseSpec + "---\nspecVersion: 1\n")),
        SpecRow("duplicate key", ":3: not valid YAML: Duplicate key dext", "dext: NullDriver\n", "dext: NullDriver\ndext: Other\n"),
        SpecRow("key that is a list", ":47: a key must be a plain name, not a list, a mapping or an alias", () => Utf8(BaseSpec + "? [a]\n: 1\n")),
        SpecRow("key that is an alias", ":48: a key must be a plain name", () => Utf8(BaseSpec + "&k frob: 1\n*k : 2\n")),
        SpecRow("key that is a cycle", ":47: a key must be a plain name", () => Utf8(BaseSpec + "? &x [*x]\n: 1\n")),
        SpecRow("alias cycle", ":3: the alias *x is inside the node &x it names (a cycle)", () => Utf8("specVersion: 1\ndext: X\nselectors: &x [*x]\n")),
        SpecRow("alias cycle in a mapping", ":11: the alias *s is inside the node &s it names (a cycle)", "  - selector: 0\n    name: Scalar", "  - &s\n    selector: 0\n    name: *s"),
        // Nesting that would overflow the stack.
        SpecRow("200000 [ in the YAML", ":3: nested more than 64 levels deep", () => Utf8("specVersion: 1\ndext: X\nselectors: " + Repeat("[", 200_000) + "\n")),
        SpecRow("1000 nested flow mappings", ":3: nested more than 64 levels deep", () => Utf8("specVersion: 1\ndext: X\nsel: " + Repeat("{a: ", 1000) + "1" + Repeat("}", 1000) + "\n")),
        SpecRow("100 nested block lists", ":67: nested more than 64 levels deep",
            () => Utf8("specVersion: 1\ndext: X\nselectors:\n" + string.Concat(Enumerable.Range(1, 100).Select(k => new string(' ', 2 * k) + "-\n")))),
        SpecRow("10000 parentheses in a result", ":14: each: column 102: nested more than 100 levels deep", "\"in.scalar[i] + 1\"", "\"" + Repeat("(", 10_000) + "1" + Repeat(")", 10_000) + "\""),
        SpecRow("10000 ~ in a result", ":14: each: column 102: nested more than 100 levels deep", "\"in.scalar[i] + 1\"", "\"" + Repeat("~", 10_000) + "1\""),
        SpecRow("100000 additions in a result", ":14: each: column 202: more than 100 levels of operators", "\"in.scalar[i] + 1\"", "\"" + string.Join('+', Enumerable.Repeat("1", 100_000)) + "\""),
        SpecRow("5000 nested in.scalar[", ":14: each: column 1011: nested more than 100 levels deep", "\"in.scalar[i] + 1\"", "\"" + Repeat("in.scalar[", 5000) + "1" + Repeat("]", 5000) + "\""),
        SpecRow("10000 parentheses in async args", ":41: args: column 102: nested more than 100 levels deep", "args: [\"2\", \"in.u64[0] + 1\"]", "args: [\"" + Repeat("(", 10_000) + "1" + Repeat(")", 10_000) + "\"]"),
        // Expressions.
        SpecRow("expression ends early", ":14: each: column 15: expression ends too early", "\"in.scalar[i] + 1\"", "\"in.scalar[i] +\""),
        SpecRow("expression unknown name", ":14: each: column 1: expected a number, i, in.scalar[..]", "\"in.scalar[i] + 1\"", "\"foo + 1\""),
        SpecRow("expression number over 64 bits", ":14: each: column 21: bad number '99999999999999999999'", "\"in.scalar[i] + 1\"", "\"99999999999999999999\""),
        SpecRow("expression of 100 digits", ":14: each: column 101: bad number '" + new string('9', 24) + "…' (more than 64 bits)", "\"in.scalar[i] + 1\"", "\"" + new string('9', 100) + "\""),
        SpecRow("expression unclosed bracket", ":14: each: column 12: expected ']'", "\"in.scalar[i] + 1\"", "\"in.scalar[i\""),
        SpecRow("expression trailing junk", ":14: each: column 17: unexpected ')'", "\"in.scalar[i] + 1\"", "\"in.scalar[i] + 1)\""),
        SpecRow("expression over two lines", ":15: each: column 16: expected a number", "scalarOutput: { each: \"in.scalar[i] + 1\" }",
            "scalarOutput:\n        each: |\n          in.scalar[i] +\n          foo"),
        SpecRow("expression a list", ":14: result.scalarOutput: 'each' must be a single value", "\"in.scalar[i] + 1\"", "[1]"),
        SpecRow("expression not Arabic digits", ":14: each: column 1: expected a number", "\"in.scalar[i] + 1\"", "\"\u0661 + 1\""),
        // Wrong types and values.
        SpecRow("specVersion 2", ":1: specVersion 2 is not supported", "specVersion: 1", "specVersion: 2"),
        SpecRow("specVersion abc", ":1: spec: 'specVersion' must be a non-negative integer, not 'abc'", "specVersion: 1", "specVersion: abc"),
        SpecRow("specVersion over 64 bits", ":1: spec: 'specVersion' must be a non-negative integer", "specVersion: 1", "specVersion: 99999999999999999999"),
        SpecRow("dext a list", ":2: spec: 'dext' must be a single value", "dext: NullDriver", "dext: [a, b]"),
        SpecRow("bundleIdentifier a mapping", ":4: spec: 'bundleIdentifier' must be a single value", "bundleIdentifier: com.example.NullDriver", "bundleIdentifier: {a: 1}"),
        SpecRow("connectionType negative", ":6: spec: 'connectionType' must be a non-negative integer, not '-1'", "connectionType: 0", "connectionType: -1"),
        SpecRow("access everyone", ":5: access must be 'any' or 'entitled', not 'everyone'", "access: any", "access: everyone"),
        SpecRow("access with a newline", ":5: access must be 'any' or 'entitled', not 'a\\nb'", "access: any", "access: \"a\\nb\""),
        SpecRow("access with a control character", ":5: access must be 'any' or 'entitled', not 'a\\x01b'", "access: any", "access: \"a\\x01b\""),
        SpecRow("access of 100000 characters", ":5: access must be 'any' or 'entitled', not 'xxxxxxxxxx", "access: any", "access: " + new string('x', 100_000)),
        SpecRow("entitled without bundleIdentifier", ":4: access: entitled needs bundleIdentifier", "bundleIdentifier: com.example.NullDriver\naccess: any", "access: entitled"),
        SpecRow("selectors not a list", ":3: spec: 'selectors' must be a list", () => Utf8("specVersion: 1\ndext: X\nselectors: 5\n")),
        SpecRow("selectors empty", ":3: selectors: the table is empty", () => Utf8("specVersion: 1\ndext: X\nselectors: []\n")),
        SpecRow("selectors null", ":3: spec: 'selectors' must be a list", () => Utf8("specVersion: 1\ndext: X\nselectors:\n")),
        SpecRow("selector entry a number", ":9: selector must be a mapping of keys to values", "  - selector: 0\n    name: Scalar\n    scalarInput: 16\n    scalarOutput: 16\n    result:\n      scalarOutput: { each: \"in.scalar[i] + 1\" }\n", "  - 7\n"),
        SpecRow("selector negative", ":9: selector: 'selector' must be a non-negative integer, not '-1'", "- selector: 0", "- selector: -1"),
        SpecRow("selector over 32 bits", ":9: selector: 'selector' = 4294967296 is larger than the possible 4294967295", "- selector: 0", "- selector: 4294967296"),
        SpecRow("selector missing", ":9: selector: missing required key 'selector'", "- selector: 0\n    name: Scalar", "- name: Scalar"),
        SpecRow("name a mapping", ":10: selector: 'name' must be a single value", "name: Scalar", "name: {a: 1}"),
        SpecRow("checked maybe", ":17: selector: 'checked' must be true or false, not 'maybe'", "checked: false", "checked: maybe"),
        SpecRow("completion sometimes", ":27: completion must be forbidden, required or any, not 'sometimes'", "completion: required", "completion: sometimes"),
        SpecRow("async role maybe", ":29: async must be register, request or own, not 'maybe'", "async: register", "async: maybe"),
        SpecRow("completes yes-ish", ":30: selector: 'completes' must be true or false, not 'yes'", "async: register\n    completes: true", "async: register\n    completes: yes"),
        SpecRow("result a list", ":13: result must be a mapping of keys to values", "    result:\n      scalarOutput: { each: \"in.scalar[i] + 1\" }\n", "    result: [1]\n"),
        SpecRow("result unknown key", ":15: result: unknown key 'extra'", "      scalarOutput: { each: \"in.scalar[i] + 1\" }\n", "      scalarOutput: { each: \"in.scalar[i] + 1\" }\n      extra: 1\n"),
        SpecRow("result each missing", ":14: result.scalarOutput: missing required key 'each'", "{ each: \"in.scalar[i] + 1\" }", "{ every: \"1\" }"),
        SpecRow("result each with an unknown key", ":14: result.scalarOutput: unknown key 'also'", "{ each: \"in.scalar[i] + 1\" }", "{ each: \"1\", also: \"2\" }"),
        SpecRow("result more scalars than returned", ":14: result.scalarOutput lists 17 values but the selector returns 16", "{ each: \"in.scalar[i] + 1\" }", "[" + string.Join(", ", Enumerable.Repeat("\"1\"", 17)) + "]"),
        SpecRow("result more words than returned", ":21: result.structOutput lists 3 64-bit words, more than the 16 bytes", "[\"in.u64[0] + 1\", \"in.u64[1] + 10\"]", "[\"1\", \"2\", \"3\"]"),
        SpecRow("unknown root key", ":47: spec: unknown key 'frob'", () => Utf8(BaseSpec + "frob: 1\n")),
        SpecRow("unknown selector key", ":11: selector: unknown key 'colour'", "    name: Scalar\n", "    name: Scalar\n    colour: red\n"),
        SpecRow("missing specVersion", ":1: spec: missing required key 'specVersion'", "specVersion: 1\n", ""),
        SpecRow("missing dext", ":1: spec: missing required key 'dext'", "dext: NullDriver\n", ""),
        // Duplicates and impossible sizes.
        SpecRow("duplicate selector", ":15: selector 0 is declared twice (first at line 9)", "- selector: 1", "- selector: 0"),
        SpecRow("17 scalars", ":11: scalarInput = 17 is impossible: IOKit carries at most 16 scalars", "scalarInput: 16", "scalarInput: 17"),
        SpecRow("scalarInput lots", ":11: selector: 'scalarInput' must be a non-negative integer, not 'lots'", "scalarInput: 16", "scalarInput: lots"),
        SpecRow("structInput 0xffffffff", ":18: structInput = 4294967295 is impossible", "    structInput: 16\n    structOutput: 16\n", "    structInput: 0xffffffff\n    structOutput: 16\n"),
        SpecRow("structOutput over 64 bits", ":19: selector: 'structOutput' must be a non-negative integer", "    structInput: 16\n    structOutput: 16\n", "    structInput: 16\n    structOutput: 99999999999999999999999\n"),
        // IOReturn names and durations.
        SpecRow("outOfRange unknown IOReturn", ":7: outOfRange: 'kIOReturnNope' is not an IOReturn name or number", "kIOReturnUnsupported", "kIOReturnNope"),
        SpecRow("outOfRange list with an unknown IOReturn", ":7: outOfRange: 'bogus' is not an IOReturn name or number", "kIOReturnUnsupported", "[kIOReturnUnsupported, bogus]"),
        SpecRow("async status unknown IOReturn", ":40: status: 'kIOReturnBogus' is not an IOReturn name or number", "kIOReturnSuccess", "kIOReturnBogus"),
        SpecRow("refusedBeforeRegister unknown IOReturn", ":41: refusedBeforeRegister: 'nope' is not an IOReturn", "  status: kIOReturnSuccess\n", "  status: kIOReturnSuccess\n  refusedBeforeRegister: nope\n"),
        SpecRow("delay in parsecs", ":38: delay must be a duration like 5s, 1500ms or 20us, not '5 parsecs'", "delay: 5s", "delay: 5 parsecs"),
        SpecRow("leeway negative", ":39: leeway must be a duration like 5s, 1500ms or 20us, not '-1s'", "leeway: 2s", "leeway: -1s"),
        SpecRow("delay overflowing", ":38: delay must be a duration", "delay: 5s", "delay: 99999999999999999999h"),
        SpecRow("delay a list", ":38: async: 'delay' must be a single value", "delay: 5s", "delay: [5s]"),
        // The async protocol: each error at the selector or the async: line, never at specVersion.
        SpecRow("async unknown key", ":40: async: unknown key 'jitter'", "  leeway: 2s\n", "  leeway: 2s\n  jitter: 1s\n"),
        SpecRow("async args too many", ":41: async.args lists 17 arguments; AsyncCompletion carries at most 16", "args: [\"2\", \"in.u64[0] + 1\"]", "args: [" + string.Join(", ", Enumerable.Repeat("\"1\"", 17)) + "]"),
        SpecRow("async section without a register selector", ":33: the async section needs a selector with 'async: register'",
            () => Utf8(BaseSpec.Replace("    async: register\n    completes: true\n", "", StringComparison.Ordinal).Replace("    async: request\n    completes: true\n", "", StringComparison.Ordinal))),
        SpecRow("two register selectors", ":31: selectors 4 (line 25) and 5 both register the callback", "async: request", "async: register"),
        SpecRow("a request but no register selector", ":25: selector 4 takes part in the async protocol but no selector has 'async: register'", "async: register", "async: request"),
        SpecRow("async selectors but no async section", ":25: selector 4 takes part in the async protocol but the spec has no 'async:' section",
            "async:\n  delay: 5s\n  leeway: 2s\n  status: kIOReturnSuccess\n  args: [\"2\", \"in.u64[0] + 1\"]\n", ""),
        SpecRow("register selector without completion", ":25: selector 4: a register-callback selector must accept a completion", "    completion: required\n", ""),
        // Examples and known findings.
        SpecRow("example bad hex", ":23: structInput must be hex bytes or {u64: [..]}", "structInput: { u64: [1, 2] }", "structInput: \"zz\""),
        SpecRow("example wrong shape", ":23: example: its inputs (0 scalars, 8 bytes) do not have the selector's shape", "structInput: { u64: [1, 2] }", "structInput: { u64: [1] }"),
        SpecRow("example negative word", ":23: structInput: 'u64' must be a non-negative integer, not '-1'", "structInput: { u64: [1, 2] }", "structInput: { u64: [-1, 2] }"),
        SpecRow("example unknown key", ":25: example: unknown key 'note'", "        structOutput: { u64: [2, 12] }\n", "        structOutput: { u64: [2, 12] }\n        note: hi\n"),
        SpecRow("known rule unknown", ":43: known finding: 'bogus.rule' is not a rule id", "rule: memory.safety", "rule: bogus.rule"),
        SpecRow("known kind bare *", ":45: known finding: each kind must name something", "kind: heap-buffer-overflow-read@*", "kind: \"*\""),
        SpecRow("known kind missing", ":43: known finding: kind is required", "    kind: heap-buffer-overflow-read@*\n", ""),
        SpecRow("known why missing", ":43: known finding: missing required key 'why'", "    why: reads 16 bytes of any input\n", ""),
        SpecRow("known not a list", ":42: spec: 'known' must be a list", "known:\n  - rule: memory.safety\n    selector: 1\n    kind: heap-buffer-overflow-read@*\n    why: reads 16 bytes of any input\n", "known: yes\n"),
    ];

    static IEnumerable<Case> AllCases() =>
        GlobalAndParseRows().Concat(CheckOptionRows()).Concat(ReplayAndMinimizeOptionRows()).Concat(ReproducerRows())
            .Concat(SummaryRows()).Concat(FuzzOptionRows()).Concat(SpecRows()).Concat(SpecCommandRows());

    static IEnumerable<TestCaseData> Cases() => AllCases().Select(c => new TestCaseData(c).SetName($"BadInput({c.Name})"));

    [TestCaseSource(nameof(Cases))]
    public void IsOneLineAndExit2(Case row)
    {
        using var scratch = new ScratchFolder("ck-bad-input-");
        Directory.CreateDirectory(scratch.File("adir"));
        Directory.CreateDirectory(scratch.File("finding"));
        File.WriteAllText(scratch.File("afile"), "hello\n");
        File.WriteAllText(scratch.File("good.txt"), GoodReproducer);
        foreach (var (name, content) in row.Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(scratch.File(name))!);
            File.WriteAllBytes(scratch.File(name), content());
        }
        string Fill(string text) => text
            .Replace("{s}", scratch.Path, StringComparison.Ordinal)
            .Replace("{dir}", scratch.File("adir"), StringComparison.Ordinal)
            .Replace("{file}", scratch.File("afile"), StringComparison.Ordinal)
            .Replace("{missing}", scratch.File("missing"), StringComparison.Ordinal)
            .Replace("{spec}", scratch.File("spec.yaml"), StringComparison.Ordinal)
            .Replace("{repro}", scratch.File("repro.txt"), StringComparison.Ordinal)
            .Replace("{good}", scratch.File("good.txt"), StringComparison.Ordinal)
            .Replace("{dext}", Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"), StringComparison.Ordinal)
            .Replace("{hardened}", Path.Combine(RepositoryLayout.Root, "dext", "NullDriverHardened"), StringComparison.Ordinal);

        var result = CliProcess.Run(RowTimeout, [.. row.Args.Select(Fill)]);

        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(row.Exit), result.ToString());
            Assert.That(lines, Has.Length.EqualTo(1), "exactly one line on stderr\n" + result);
            Assert.That(lines[0], Does.StartWith(Fill(row.Stderr)), result.ToString());
            Assert.That(lines[0], Has.Length.LessThan(1000), "a readable line, not the input echoed whole");
            Assert.That(result.Stderr, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception").And.Not.Contain("this is a bug"));
            Assert.That(result.Stdout, Is.Empty, "the error comes before any work (and any output)");
            Assert.That(Directory.EnumerateFiles(scratch.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no temporary file left behind");
        });
    }

    [Test]
    public void TheTableCoversEveryCommandWithAtLeast140DistinctRows()
    {
        var rows = AllCases().ToArray();
        Assert.That(rows, Has.Length.GreaterThanOrEqualTo(140));
        Assert.That(rows.Select(r => r.Name), Is.Unique);
        Assert.That(rows.Select(r => r.Command).Distinct(), Is.SupersetOf(new[] { "(global)", "check", "replay", "minimize", "summary", "fuzz" }));
    }

    /// <summary>Each spec row is the base spec with one problem, so the base itself must load; and the rows' options must not be the problem.</summary>
    [Test]
    public void TheBaseSpecAndReproducerAreValid()
    {
        Assert.That(() => SpecLoader.Parse(BaseSpec, "base.yaml"), Throws.Nothing);
        Assert.That(ProgramText.Parse(GoodReproducer).Count, Is.EqualTo(3));
    }

    [Test]
    public void JsonWriteLeavesNoTemporaryFileWhenItFails()
    {
        using var scratch = new ScratchFolder("ck-json-write-");
        var folder = Directory.CreateDirectory(scratch.File("taken")).FullName;
        File.WriteAllText(scratch.File("afile"), "hello\n");
        Assert.Multiple(() =>
        {
            Assert.That(() => Json.Write(folder, new { a = 1 }), Throws.TypeOf<UsageException>().With.Message.StartWith($"cannot write {folder}:"));
            Assert.That(() => Json.Write(Path.Combine(scratch.File("afile"), "x.json"), new { a = 1 }), Throws.TypeOf<UsageException>());
            Assert.That(Directory.EnumerateFiles(scratch.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        });
        Json.Write(scratch.File("sub/ok.json"), new { a = 1 });
        Assert.That(File.ReadAllText(scratch.File("sub/ok.json")), Does.Contain("\"a\": 1"));
        Assert.That(Directory.EnumerateFiles(scratch.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    /// <summary>Any exception that is not the user's is still one line, saying it is a bug; the stack only with --verbose.</summary>
    [Test]
    [NonParallelizable]
    public void AnUnexpectedExceptionIsOneLineWithTheStackOnlyWhenVerbose()
    {
        var saved = Console.Error;
        try
        {
            var quiet = new StringWriter();
            Console.SetError(quiet);
            Exception thrown;
            try
            {
                throw new InvalidOperationException("boom\nsecond line");
            }
            catch (InvalidOperationException e)
            {
                thrown = e;
            }
            Assert.That(UserError.Is(thrown), Is.False);
            Assert.That(UserError.ReportBug(thrown, verbose: false), Is.EqualTo(ExitCodes.UsageOrSetup));
            Assert.That(quiet.ToString(), Is.EqualTo("conformancekit: error: boom (this is a bug; rerun with --verbose for the stack)" + Environment.NewLine));

            var verbose = new StringWriter();
            Console.SetError(verbose);
            UserError.ReportBug(thrown, verbose: true);
            Assert.That(verbose.ToString(), Does.StartWith("conformancekit: error: boom (this is a bug").And.Contain("   at ").And.Contain(nameof(AnUnexpectedExceptionIsOneLineWithTheStackOnlyWhenVerbose)));
        }
        finally
        {
            Console.SetError(saved);
        }
    }
}
