using System.Diagnostics;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// The sanitizer settings dexthost runs with, unless the user set their own: stop at the first error
/// and exit (no abort, so the exit status is the sanitizer's, not SIGABRT), skip leak checking (the
/// objects.balance rule judges leaks from live-object counters), and leave symbolizing to the harness
/// (<see cref="ReportSymbolizer"/>, one llvm-symbolizer for the whole run instead of one per crash) where
/// it has llvm-symbolizer, so that the crash signature has function names. report_error_type makes UBSan's SUMMARY line name the check that fired
/// ("dynamic-type-mismatch" instead of "undefined-behavior"), which CrashSignature takes as the bug type.
/// </summary>
internal static class HostEnvironment
{
    public const string AsanDefaults = "detect_leaks=0:halt_on_error=1:abort_on_error=0";
    public const string UbsanDefaults = "halt_on_error=1:print_stacktrace=1:report_error_type=1";

    static readonly string[] SymbolizerCandidates =
    [
        "/usr/bin/llvm-symbolizer-14",
        "/usr/lib/llvm-14/bin/llvm-symbolizer",
        "/usr/bin/llvm-symbolizer",
    ];

    public static void Apply(ProcessStartInfo start)
    {
        // Without llvm-symbolizer the harness cannot symbolize; ASan then does what it can itself.
        var symbolize = FindSymbolizer() is null ? ":symbolize=1" : ":symbolize=0";
        SetUnlessPresent(start, "ASAN_OPTIONS", AsanDefaults + symbolize);
        SetUnlessPresent(start, "UBSAN_OPTIONS", UbsanDefaults + symbolize);
        if (FindSymbolizer() is { } symbolizer) SetUnlessPresent(start, "ASAN_SYMBOLIZER_PATH", symbolizer);
    }

    /// <summary>llvm-symbolizer matching the clang-14 toolchain the dext is built with, if installed.</summary>
    public static string? FindSymbolizer() => SymbolizerCandidates.FirstOrDefault(File.Exists);

    static void SetUnlessPresent(ProcessStartInfo start, string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) start.Environment[name] = value;
    }
}
