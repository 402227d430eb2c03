using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// Puts function names and source lines into a sanitizer report that dexthost wrote without them.
/// Symbolizing in the crashing process costs ~120 ms per crash — ASan starts llvm-symbolizer, which
/// reads the dext's debug information anew — against ~25 ms for the rest of a crash and the host's
/// restart, and a fuzz campaign or a shrinker meets the same crash thousands of times. So dexthost
/// runs with symbolize=0 (<see cref="HostEnvironment"/>) and the harness keeps one llvm-symbolizer
/// for its whole run, which reads each library once. Each frame is written as ASan writes it
/// (sanitizer_stacktrace_printer's default "#%n %p %F %L": "in FUNCTION FILE:LINE:COLUMN", or the module
/// and offset when the file is unknown), inlined frames included and the frames renumbered, so that
/// a report reads, and is signed (<see cref="Runner.CrashSignature"/>), exactly as one ASan symbolized.
/// A report the host symbolized itself (the user's own ASAN_OPTIONS) has no such frames and is left as it is.
/// </summary>
internal sealed partial class ReportSymbolizer : IDisposable
{
    static readonly Lock SharedLock = new();
    static ReportSymbolizer? s_shared;

    readonly Process _process;
    readonly Dictionary<(string Module, string Offset), List<(string Function, string Location)>> _cache = [];

    ReportSymbolizer(Process process) => _process = process;

    /// <summary>The report with its unsymbolized frames symbolized; as it is when there is no llvm-symbolizer or it fails.</summary>
    public static string Symbolize(string report)
    {
        if (!UnsymbolizedFrame().IsMatch(report) && !UnsymbolizedSummary().IsMatch(report)) return report;
        lock (SharedLock)
        {
            try
            {
                s_shared ??= Start();
                return s_shared is null ? report : s_shared.Rewrite(report);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                s_shared?.Dispose(); // it died: the next report starts another
                s_shared = null;
                return report;
            }
        }
    }

    static ReportSymbolizer? Start()
    {
        if (HostEnvironment.FindSymbolizer() is not { } path) return null;
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // What ASan passes it (sanitizer_symbolizer_posix_libcdep.cpp, LLVMSymbolizerProcess).
        start.ArgumentList.Add("--inlines");
        start.ArgumentList.Add("--default-arch=x86_64");
        var process = Process.Start(start);
        if (process is null) return null;
        process.ErrorDataReceived += (_, _) => { }; // "error reading file" for a module that is gone: its frames stay as they are
        process.BeginErrorReadLine();
        return new ReportSymbolizer(process);
    }

    string Rewrite(string report)
    {
        var text = new StringBuilder(report.Length * 2);
        var next = 0; // the frame number after inlined frames were added
        foreach (var line in report.Split('\n'))
        {
            if (text.Length > 0) text.Append('\n');
            var frame = FrameLine().Match(line);
            if (!frame.Success)
            {
                var summary = UnsymbolizedSummary().Match(line);
                if (summary.Success && Lookup(summary.Groups["module"].Value, summary.Groups["offset"].Value) is [var top, ..] && top.Function != "??")
                    text.Append(summary.Groups["head"].Value).Append(' ').Append(Location(top.Location, summary.Groups["where"].Value))
                        .Append(" in ").Append(top.Function);
                else
                    text.Append(line);
                continue;
            }
            var number = int.Parse(frame.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (number == 0) next = 0; // a new stack
            if (!frame.Groups["module"].Success)
            {
                text.Append(Renumbered(frame, next++)).Append(frame.Groups["rest"].Value);
                continue;
            }
            var symbols = Lookup(frame.Groups["module"].Value, frame.Groups["offset"].Value);
            var where = frame.Groups["where"].Value;
            for (var k = 0; k < symbols.Count; k++)
            {
                if (k > 0) text.Append('\n');
                var (function, location) = symbols[k];
                text.Append(Renumbered(frame, next++));
                if (function == "??") text.Append(' ').Append(where);
                else text.Append(" in ").Append(function).Append(' ').Append(Location(location, where));
            }
        }
        return text.ToString();
    }

    static string Renumbered(Match frame, int number) =>
        $"{frame.Groups["indent"].Value}#{number} {frame.Groups["pc"].Value}";

    /// <summary>"FILE:LINE:COLUMN" as ASan prints it (no column 0, no line 0); the module and offset when the file is unknown.</summary>
    static string Location(string location, string where)
    {
        var parts = location.Split(':');
        if (parts.Length < 3 || parts[0] == "??") return where;
        var file = string.Join(':', parts[..^2]);
        var (line, column) = (parts[^2], parts[^1]);
        return line == "0" ? file : column == "0" ? $"{file}:{line}" : $"{file}:{line}:{column}";
    }

    List<(string Function, string Location)> Lookup(string module, string offset)
    {
        if (_cache.TryGetValue((module, offset), out var known)) return known;
        _process.StandardInput.Write($"\"{module}\" {offset}\n");
        _process.StandardInput.Flush();
        var symbols = new List<(string, string)>();
        while (true)
        {
            var function = _process.StandardOutput.ReadLine() ?? throw new IOException("llvm-symbolizer ended");
            if (function.Length == 0) break;
            var location = _process.StandardOutput.ReadLine() ?? throw new IOException("llvm-symbolizer ended");
            symbols.Add((function, location));
        }
        if (symbols.Count == 0) symbols.Add(("??", "??:0:0"));
        _cache[(module, offset)] = symbols;
        return symbols;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close(); // it exits at the end of its input
            if (!_process.WaitForExit(1000)) _process.Kill();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    /// <summary>"    #3 0x7f...  (/path/lib.so+0x8f927) (BuildId: ...)": a frame ASan did not symbolize.</summary>
    [GeneratedRegex(@"^\s*#\d+ 0x[0-9a-f]+  \([^()\n]+\+0x[0-9a-f]+\)", RegexOptions.Multiline)]
    private static partial Regex UnsymbolizedFrame();

    /// <summary>Any frame line; module and offset only where ASan did not symbolize it.</summary>
    [GeneratedRegex(@"^(?<indent>\s*)#(?<n>\d+) (?<pc>0x[0-9a-f]+)(?:  (?<where>\((?<module>[^()]+)\+(?<offset>0x[0-9a-f]+)\)(?: \(BuildId: [0-9a-f]+\))?) *|(?<rest>.*))$")]
    private static partial Regex FrameLine();

    /// <summary>"SUMMARY: AddressSanitizer: heap-buffer-overflow (/path/lib.so+0x8f927) (BuildId: ...) " (ASan ends it with a space).</summary>
    [GeneratedRegex(@"^(?<head>SUMMARY: \w+Sanitizer: \S+) (?<where>\((?<module>[^()]+)\+(?<offset>0x[0-9a-f]+)\)(?: \(BuildId: [0-9a-f]+\))?) *$", RegexOptions.Multiline)]
    private static partial Regex UnsymbolizedSummary();
}
