using System.Diagnostics;
using ConformanceKit.Fuzz.Target;

namespace ConformanceKit.Fuzz.Afl;

/// <summary>
/// One afl-fuzz process of the campaign: the main instance (-M main) or a secondary (-S secN), all in
/// the same sync directory, so instances on other machines can join by syncing into it.
/// </summary>
public sealed class AflInstance : IDisposable
{
    readonly Process _process;

    AflInstance(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string LogPath { get; private init; } = "";

    public static string InstanceName(int index) => index == 0 ? "main" : $"sec{index}";

    public static AflInstance Start(CampaignOptions options, int index, int? cpu)
    {
        var name = InstanceName(index);
        var resuming = options.Resume && Directory.Exists(Path.Combine(options.AflDirectory, name, "queue"));
        var start = new ProcessStartInfo(AflTools.FuzzerPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var args = start.ArgumentList;
        args.Add("-i"); args.Add(resuming ? "-" : options.SeedDirectory);
        args.Add("-o"); args.Add(options.AflDirectory);
        args.Add(index == 0 ? "-M" : "-S"); args.Add(name);
        args.Add("-x"); args.Add(options.DictionaryPath);
        // Above the target's own per-call timeout, so a hanging dext is reported by the target (with
        // its context) before afl-fuzz gives up on the input.
        args.Add("-t"); args.Add(((int)Math.Max(1000, options.CallTimeout.TotalMilliseconds * 2 + 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        args.Add("-m"); args.Add("none");
        args.Add("-V"); args.Add(((int)Math.Ceiling(options.Duration.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (cpu is { } core) { args.Add("-b"); args.Add(core.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        args.Add("--");
        args.Add(Environment.ProcessPath ?? "dotnet");
        args.Add(TargetBuild.EntryPoint);

        var env = start.Environment;
        env["AFL_SKIP_BIN_CHECK"] = "1";       // a .NET target has no AFL instrumentation for afl-fuzz to find
        env["AFL_NO_UI"] = "1";                // our own status replaces AFL's screen
        env["AFL_SKIP_CPUFREQ"] = "1";
        env["AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES"] = "1"; // core dumps go nowhere: crashes are ours to report
        env["AFL_FORKSRV_INIT_TMOUT"] = "120000"; // the runtime starts, loads the dext and maybe a host
        env["AFL_IMPORT_FIRST"] = "1";
        if (cpu is null) env["AFL_NO_AFFINITY"] = "1";
        env[TargetSettings.SpecVariable] = options.Spec.SourcePath;
        env[TargetSettings.TransportVariable] = options.Variant.Transport();
        env[TargetSettings.BinaryVariable] = options.Variant.Binary(options.Target);
        env[TargetSettings.NativeCoverageVariable] = options.NativeCoverage ? "1" : "0";
        env[TargetSettings.StatusFileVariable] = Path.Combine(options.AflDirectory, name, FuzzerStats.StatusFileName);
        env[TargetSettings.CallTimeoutVariable] = ((int)options.CallTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var logPath = Path.Combine(options.OutputDirectory, "logs", $"{name}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var process = Process.Start(start) ?? throw new FuzzSetupException($"cannot start {AflTools.FuzzerPath}");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return new AflInstance(name, process) { LogPath = logPath };
    }

    /// <summary>Asks afl-fuzz to stop (SIGINT: it writes its stats and exits), then waits.</summary>
    public void Stop(TimeSpan grace)
    {
        if (_process.HasExited) return;
        Posix.Kill(_process.Id, Posix.SigInt);
        if (!_process.WaitForExit(grace)) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
