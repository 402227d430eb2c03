using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ConformanceKit.Transports;

namespace ConformanceKit.Runner;

/// <summary>
/// Turns the way a dext died into a stable kind for dedup: the bug type, and the top frames of the
/// dext's own code — function names only, never addresses, offsets, sizes, line numbers, pids or
/// thread ids — so that the same bug gives the same kind on every run, heap layout and machine, and
/// different bugs give different kinds (like syzkaller's report titles). The shapes:
/// <list type="bullet">
/// <item>ASan: <c>heap-buffer-overflow-read@NullDriver::HandleExternalStruct&lt;NullDriver::ExternalMethod</c> — the
///   type from ASan's SUMMARY line (else its ERROR line), the access from "READ/WRITE of size" or, for a
///   SEGV, "The signal is caused by a READ/WRITE memory access", the frames from the first stack.</item>
/// <item>UBSan: <c>ub-dynamic-type-mismatch@...</c> — the check from the SUMMARY line (report_error_type=1,
///   which the socket transport sets); without it, the "runtime error:" message as lowercase words with
///   every number, address and quoted type removed
///   (<c>ub-member-call-on-address-which-does-not-point-to-an-object-of-type@...</c>).</item>
/// <item>LeakSanitizer: <c>memory-leak@...</c> — the frames of the first leak's allocation stack.</item>
/// <item>A failed assert(): <c>assertion-failure@Function</c>.</item>
/// <item>A plain signal (a build without sanitizers): <c>signal-SIGSEGV</c>; a hang: <c>hang</c>; the host
///   exiting: <c>exit-3</c>.</item>
/// </list>
/// Frames that are not the dext's own code are skipped: the sanitizers' runtime and interceptors, libc,
/// the C++ library, generated .iig glue, and ConformanceKit's runtime and host (sources under
/// <c>dext/runtime/</c> or <c>dext/host/</c>, namespaces <c>dksim::</c> and <c>dexthost::</c>). A report that
/// cannot be parsed gives the bug type alone, never an exception.
/// </summary>
public static partial class CrashSignature
{
    const int FramesKept = 2;
    const string FrameSeparator = "<";

    /// <summary>The kind of a dext that stopped answering within the per-call timeout.</summary>
    public const string Hang = "hang";

    public static string Kind(DextCrashedException crash)
    {
        ArgumentNullException.ThrowIfNull(crash);
        return Kind(crash.Report, crash.Summary, crash.ExitCode, crash.Signal);
    }

    public static string Kind(DextHungException hang)
    {
        ArgumentNullException.ThrowIfNull(hang);
        return Hang;
    }

    /// <summary>The kind from the report and the one-line summary alone (an exit status or signal only as the summary says it).</summary>
    public static string Kind(string report, string summary) => Kind(report, summary, null, null);

    /// <param name="report">what the host wrote to stderr: the sanitizer report, if any</param>
    /// <param name="summary">the crash's one-line summary (<c>CrashSummary</c>: "signal 11", "exit 3", ...)</param>
    /// <param name="exitCode">the host's exit status, when it exited</param>
    /// <param name="signal">the signal the host died of, when it was killed by one</param>
    public static string Kind(string? report, string? summary, int? exitCode, int? signal)
    {
        var fallback = "crash";
        try
        {
            var lines = Lines(report);
            fallback = ProcessEnd(summary ?? "", exitCode, signal);
            if (SanitizerKind(lines, out var bug, out var stackFrom, out var stackTo))
            {
                fallback = bug;
                return WithFrames(bug, DextFrames(lines, stackFrom, stackTo));
            }
            if (AssertionKind(lines) is { } assertion) return assertion;
            return fallback;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return fallback; // an unparseable report still gets a stable kind
        }
    }

    /// <summary>The dext's own top frames of the report's first stack (empty when it has none).</summary>
    public static IReadOnlyList<string> TopFrames(string report)
    {
        var lines = Lines(report);
        return SanitizerKind(lines, out _, out var from, out var to) ? DextFrames(lines, from, to) : DextFrames(lines, 0, lines.Length);
    }

    static string[] Lines(string? report)
    {
        var lines = (report ?? "").Split('\n');
        for (var k = 0; k < lines.Length; k++) lines[k] = lines[k].TrimEnd('\r');
        return lines;
    }

    static string WithFrames(string bug, IReadOnlyList<string> frames) =>
        frames.Count == 0 ? bug : $"{bug}@{string.Join(FrameSeparator, frames)}";

    // ---- The bug type ---------------------------------------------------------------------------

    [GeneratedRegex(@"(?:ERROR|WARNING): (\w+Sanitizer): (.*)$")]
    private static partial Regex SanitizerHeader();

    [GeneratedRegex(@"runtime error: (.*)$")]
    private static partial Regex RuntimeError();

    [GeneratedRegex(@"^SUMMARY: (\w+Sanitizer): (\S+)")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^(READ|WRITE) of size ")]
    private static partial Regex AccessLine();

    [GeneratedRegex(@"The signal is caused by a (READ|WRITE) memory access")]
    private static partial Regex SignalAccess();

    [GeneratedRegex(@"^(?:Direct|Indirect) leak of ")]
    private static partial Regex LeakLine();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z-]*$")]
    private static partial Regex BugToken();

    /// <summary>
    /// The first sanitizer report in the text (with halt_on_error, the one that ended the process): its
    /// bug type and the lines in which to look for its first stack.
    /// </summary>
    static bool SanitizerKind(string[] lines, out string bug, out int stackFrom, out int stackTo)
    {
        bug = "";
        stackFrom = stackTo = lines.Length;
        for (var k = 0; k < lines.Length; k++)
        {
            if (SanitizerHeader().Match(lines[k]) is { Success: true } header)
            {
                var tool = header.Groups[1].Value;
                var end = ReportEnd(lines, k + 1);
                if (tool == "LeakSanitizer")
                {
                    bug = "memory-leak";
                    stackFrom = FirstMatch(lines, k + 1, end, LeakLine()) is { } leak ? leak + 1 : end;
                    stackTo = end;
                    return true;
                }
                bug = SanitizerBug(tool, header.Groups[2].Value, lines, k + 1, end);
                var access = Access(lines, k + 1, end);
                if (access is not null) bug += "-" + access;
                stackFrom = k + 1;
                stackTo = end;
                return true;
            }
            if (RuntimeError().Match(lines[k]) is { Success: true } ub)
            {
                var end = ReportEnd(lines, k + 1);
                var check = SummaryCheck(lines, k + 1, end, "UndefinedBehaviorSanitizer");
                var message = check is null or "undefined-behavior" ? Words(ub.Groups[1].Value) : check;
                bug = "ub-" + (message.Length > 0 ? message : "undefined-behavior");
                stackFrom = k + 1;
                stackTo = end;
                return true;
            }
        }
        return false;
    }

    /// <summary>Where a report ends: after its SUMMARY line (or at the end of the text).</summary>
    static int ReportEnd(string[] lines, int from)
    {
        for (var k = from; k < lines.Length; k++)
            if (lines[k].StartsWith("SUMMARY: ", StringComparison.Ordinal)) return k + 1;
        return lines.Length;
    }

    static int? FirstMatch(string[] lines, int from, int to, Regex regex)
    {
        for (var k = from; k < to; k++)
            if (regex.IsMatch(lines[k])) return k;
        return null;
    }

    static string? SummaryCheck(string[] lines, int from, int to, string tool)
    {
        for (var k = from; k < to; k++)
            if (SummaryLine().Match(lines[k]) is { Success: true } summary && summary.Groups[1].Value == tool &&
                BugToken().IsMatch(summary.Groups[2].Value))
                return summary.Groups[2].Value;
        return null;
    }

    /// <summary>
    /// ASan's canonical bug type is the first word of its SUMMARY line ("double-free" for "attempting
    /// double-free on 0x..."); without one, the ERROR line up to its address or detail.
    /// </summary>
    static string SanitizerBug(string tool, string headline, string[] lines, int from, int to)
    {
        // Only ASan's SUMMARY starts with a one-word type; ThreadSanitizer's says "data race".
        if (tool == "AddressSanitizer" && SummaryCheck(lines, from, to, tool) is { } type) return type;
        var text = headline;
        if (text.StartsWith("attempting ", StringComparison.Ordinal)) text = text["attempting ".Length..];
        foreach (var stop in new[] { " on ", " at ", " in ", ":", " (", " for " })
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at > 0) text = text[..at];
        }
        var words = string.Join('-', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => BugToken().IsMatch(w)));
        return words.Length > 0 ? words : Words(headline) is { Length: > 0 } all ? all : tool.ToLowerInvariant();
    }

    /// <summary>The access of a memory error, from the lines between its header and its first stack.</summary>
    static string? Access(string[] lines, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (IsFrameLine(lines[k])) break;
            if (AccessLine().Match(lines[k]) is { Success: true } access) return access.Groups[1].Value.ToLowerInvariant();
            if (SignalAccess().Match(lines[k]) is { Success: true } signal) return signal.Groups[1].Value.ToLowerInvariant();
        }
        return null;
    }

    [GeneratedRegex(@"\(aka '[^']*'\)")]
    private static partial Regex AkaType();

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex QuotedType();

    [GeneratedRegex(@"0[xX][0-9a-fA-F]+")]
    private static partial Regex HexNumber();

    /// <summary>A message as lowercase words: quoted types, addresses and numbers removed.</summary>
    static string Words(string message)
    {
        var text = AkaType().Replace(message, " ");
        text = QuotedType().Replace(text, " ");
        text = HexNumber().Replace(text, " ");
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Append(' '))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                word.Append(c);
                continue;
            }
            if (word.Length > 0 && !word.ToString().All(char.IsAsciiDigit)) words.Add(word.ToString());
            word.Clear();
        }
        return string.Join('-', words);
    }

    // ---- Assertions, signals, exits -------------------------------------------------------------

    // glibc: "prog: file.cpp:12: uint64_t C::F(uint64_t): Assertion `x' failed."
    [GeneratedRegex(@":\d+: (.+?): Assertion `.*' failed\.")]
    private static partial Regex GlibcAssertion();

    // Apple's libc: "Assertion failed: (x), function F, file file.cpp, line 12."
    [GeneratedRegex(@"Assertion failed: .*, function ([^,]+), file ")]
    private static partial Regex DarwinAssertion();

    static string? AssertionKind(string[] lines)
    {
        foreach (var line in lines)
        {
            var match = GlibcAssertion().Match(line);
            if (!match.Success) match = DarwinAssertion().Match(line);
            if (!match.Success) continue;
            var function = FunctionName(match.Groups[1].Value);
            return WithFrames("assertion-failure", function.Length > 0 ? [function] : []);
        }
        return null;
    }

    [GeneratedRegex(@"^signal (\d+)$")]
    private static partial Regex SignalSummary();

    [GeneratedRegex(@"^exit (-?\d+)$")]
    private static partial Regex ExitSummary();

    /// <summary>How the process ended, when no report says more: the signal, the exit status, or the summary's words.</summary>
    static string ProcessEnd(string summary, int? exitCode, int? signal)
    {
        if (signal is { } number) return "signal-" + SignalName(number);
        if (exitCode is { } code) return "exit-" + code.ToString(CultureInfo.InvariantCulture);
        var text = summary.Trim();
        if (SignalSummary().Match(text) is { Success: true } s && int.TryParse(s.Groups[1].Value, CultureInfo.InvariantCulture, out var n))
            return "signal-" + SignalName(n);
        if (ExitSummary().Match(text) is { Success: true } e) return "exit-" + e.Groups[1].Value;
        var words = Words(text);
        return words.Length > 0 ? "crash-" + words : "crash";
    }

    static readonly string[] LinuxSignals =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    static readonly string[] DarwinSignals =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGEMT", "SIGFPE", "SIGKILL", "SIGBUS",
        "SIGSEGV", "SIGSYS", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGURG", "SIGSTOP", "SIGTSTP", "SIGCONT", "SIGCHLD",
        "SIGTTIN", "SIGTTOU", "SIGIO", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGINFO", "SIGUSR1", "SIGUSR2",
    ];

    /// <summary>The signal's name on this machine, where the host ran ("SIGSEGV"); its number when unknown.</summary>
    public static string SignalName(int number)
    {
        var names = OperatingSystem.IsMacOS() ? DarwinSignals : LinuxSignals;
        return number > 0 && number < names.Length ? names[number] : number.ToString(CultureInfo.InvariantCulture);
    }

    // ---- Frames ---------------------------------------------------------------------------------

    [GeneratedRegex(@"^\s*#\d+\s+0x[0-9a-fA-F]+\b\s*(.*)$")]
    private static partial Regex FrameLine();

    static bool IsFrameLine(string line) => FrameLine().IsMatch(line);

    /// <summary>The first run of frame lines in [from, to) — a report's first stack — reduced to the dext's own frames.</summary>
    static List<string> DextFrames(string[] lines, int from, int to)
    {
        var frames = new List<string>();
        var k = from;
        while (k < to && !IsFrameLine(lines[k])) k++;
        for (; k < to && FrameLine().Match(lines[k]) is { Success: true } match; k++)
        {
            var frame = ParseFrame(match.Groups[1].Value);
            if (frame is null || !IsDextFrame(frame.Value)) continue;
            if (frames.Count > 0 && frames[^1] == frame.Value.Function) continue; // inlined into itself (recursion) counts once
            frames.Add(frame.Value.Function);
            if (frames.Count == FramesKept) break;
        }
        return frames;
    }

    readonly record struct Frame(string Function, string? File, string? Module);

    [GeneratedRegex(@"\s*\(BuildId: [0-9a-fA-F]+\)$")]
    private static partial Regex BuildId();

    [GeneratedRegex(@"^(.*?)\s*\(([^()]*\+0x[0-9a-fA-F]+|<unknown module>)\)$")]
    private static partial Regex ModuleSuffix();

    [GeneratedRegex(@":\d+(?::\d+)?$")]
    private static partial Regex LineSuffix();

    /// <summary>"in Function(args) /path/file.cpp:12:3", "in Function (module+0x12)" or "(module+0x12)".</summary>
    static Frame? ParseFrame(string rest)
    {
        rest = BuildId().Replace(rest.Trim(), "");
        if (!rest.StartsWith("in ", StringComparison.Ordinal)) return null; // no function name
        rest = rest[3..].Trim();
        string? file = null, module = null;
        if (ModuleSuffix().Match(rest) is { Success: true } withModule)
        {
            rest = withModule.Groups[1].Value;
            module = withModule.Groups[2].Value;
        }
        else
        {
            var space = rest.LastIndexOf(' ');
            if (space > 0)
            {
                var location = rest[(space + 1)..];
                if (location.Contains('/', StringComparison.Ordinal) || LineSuffix().IsMatch(location))
                {
                    file = LineSuffix().Replace(location, "");
                    rest = rest[..space];
                }
            }
        }
        var function = FunctionName(rest);
        return function.Length == 0 ? null : new Frame(function, file, module);
    }

    static readonly string[] ForeignNamespaces = ["dksim::", "dexthost::", "std::", "__gnu_cxx::", "__cxxabiv1::", "__sanitizer::", "__asan::", "__ubsan::", "__lsan::"];

    static readonly HashSet<string> LibraryFunctions = new(StringComparer.Ordinal)
    {
        "main", "abort", "raise", "exit", "_exit", "start_thread", "clone", "clone3", "malloc", "calloc", "realloc", "free",
        "posix_memalign", "aligned_alloc", "memalign", "valloc", "memcpy", "memmove", "memset", "memcmp", "bcmp", "strlen",
        "strnlen", "strcpy", "strncpy", "strcat", "strncat", "strcmp", "strncmp", "strchr", "strrchr", "strstr", "strdup",
        "sprintf", "snprintf", "vsnprintf", "printf", "fprintf", "pthread_create", "pthread_kill",
        "operator new", "operator new[]", "operator delete", "operator delete[]",
    };

    // DriverKit's classes and functions as the runtime implements them: a frame without a source
    // path in the dext's library (which links the runtime) is the runtime's when it has one of these names.
    [GeneratedRegex(@"^(?:(?:IO|OS)[A-Z]\w*(?:::|$)|os_log)")]
    private static partial Regex FrameworkName();

    // Modules that are never the dext: libc and friends, the C++ and blocks runtimes, the sanitizers'
    // shared runtimes, the dynamic loader, and dexthost itself (the host, with ASan linked in statically).
    static readonly string[] ForeignModulePrefixes =
    [
        "libc.", "libc-", "libm.", "libm-", "libdl.", "librt.", "libpthread", "libstdc++", "libc++", "libgcc_s", "libBlocksRuntime",
        "libclang_rt", "libasan", "libubsan", "liblsan", "libtsan", "libmsan", "ld-linux", "ld64", "libsystem_", "libdyld", "dyld", "dexthost",
    ];

    static bool IsForeignModule(string module)
    {
        var path = ModulePath(module);
        var name = path[(path.LastIndexOf('/') + 1)..];
        return ForeignModulePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"/dexts/[^/]+/generated/")]
    private static partial Regex GeneratedSource();

    static readonly string[] SystemPrefixes = ["/usr/", "/lib/", "/lib32/", "/lib64/", "/System/", "/Library/Developer/", "/Applications/Xcode", "/nix/store/"];

    static readonly string[] ForeignSourceParts = ["/dext/runtime/", "/dext/host/", "/compiler-rt/", "/llvm-toolchain", "/libcxx/", "/libcxxabi/", "/glibc-"];

    /// <summary>Whether a frame is the dext's own code: by its source path when it has one, else by its module and name.</summary>
    static bool IsDextFrame(Frame frame)
    {
        var function = frame.Function;
        if (function.StartsWith('_') && function.Length > 1 && (function[1] == '_' || char.IsAsciiLetterUpper(function[1])))
            return false; // reserved names: the sanitizers' __asan_*/__interceptor_*, libc's __libc_*, _Unwind_*
        if (function == "_start" || LibraryFunctions.Contains(function)) return false;
        if (ForeignNamespaces.Any(ns => function.StartsWith(ns, StringComparison.Ordinal))) return false;
        if (frame.File is { } file && file.StartsWith('/'))
        {
            if (ForeignSourceParts.Any(part => file.Contains(part, StringComparison.Ordinal))) return false;
            if (GeneratedSource().IsMatch(file)) return false; // dkiig's glue
            return !SystemPrefixes.Any(prefix => file.StartsWith(prefix, StringComparison.Ordinal));
        }
        if (frame.File is not null) return false; // a relative path: a system library built elsewhere (libc's "csu/../...")
        if (frame.Module is { } module && (module == "<unknown module>" || IsForeignModule(module))) return false;
        return !FrameworkName().IsMatch(function);
    }

    /// <summary>"/path/libX.so+0x12" or "libX.dylib:x86_64+0x12" → the module's path.</summary>
    static string ModulePath(string module)
    {
        var plus = module.LastIndexOf('+');
        var path = plus > 0 ? module[..plus] : module;
        var arch = path.LastIndexOf(':');
        return arch > 0 ? path[..arch] : path;
    }

    // ---- Function names -------------------------------------------------------------------------

    [GeneratedRegex(@"\s*\[clone [^\]]*\]")]
    private static partial Regex CloneSuffix();

    [GeneratedRegex(@"\[abi:[^\]]*\]")]
    private static partial Regex AbiTag();

    [GeneratedRegex(@"\.(?:cold|isra|constprop|part|llvm|lto_priv)(?:\.\d+)*$")]
    private static partial Regex CompilerSuffix();

    static readonly (string Text, string Placeholder)[] Protected =
    [
        ("(anonymous namespace)", "\u0001anon\u0001"),
        ("operator()", "\u0001call\u0001"),
        ("operator<<=", "\u0001shl=\u0001"),
        ("operator>>=", "\u0001shr=\u0001"),
        ("operator<=>", "\u0001cmp\u0001"),
        ("operator<<", "\u0001shl\u0001"),
        ("operator>>", "\u0001shr\u0001"),
        ("operator<=", "\u0001le\u0001"),
        ("operator>=", "\u0001ge\u0001"),
        ("operator->*", "\u0001arrowstar\u0001"),
        ("operator->", "\u0001arrow\u0001"),
        ("operator<", "\u0001lt\u0001"),
        ("operator>", "\u0001gt\u0001"),
        ("operator ", "\u0001op\u0001"),
    ];

    const string BlockPrefix = "invocation function for block in ";

    /// <summary>
    /// A demangled function as a plain qualified name: no parameter list, no template arguments, no
    /// return type, no clone suffix or address ("void ns::C::F&lt;int&gt;(int) const" → "ns::C::F").
    /// </summary>
    internal static string FunctionName(string demangled)
    {
        var text = CloneSuffix().Replace(demangled.Trim(), "");
        var block = text.StartsWith(BlockPrefix, StringComparison.Ordinal);
        if (block) text = text[BlockPrefix.Length..];
        foreach (var (original, placeholder) in Protected) text = text.Replace(original, placeholder, StringComparison.Ordinal);

        var name = new StringBuilder();
        var angles = 0;
        foreach (var c in text)
        {
            if (c == '(' && angles == 0) break; // the parameter list
            if (c == '<') angles++;
            else if (c == '>' && angles > 0) angles--;
            else if (angles == 0) name.Append(c);
        }
        text = name.ToString().Trim();
        var space = text.LastIndexOf(' ');
        if (space >= 0) text = text[(space + 1)..]; // the return type
        foreach (var (original, placeholder) in Protected) text = text.Replace(placeholder, original, StringComparison.Ordinal);
        text = AbiTag().Replace(text, "");
        text = HexNumber().Replace(text, "");
        text = CompilerSuffix().Replace(text, "").Trim();
        return block && text.Length > 0 ? text + "::block_invoke" : text;
    }
}
