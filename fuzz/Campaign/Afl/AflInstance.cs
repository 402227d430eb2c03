using System.Diagnostics;
using ConformanceKit.Fuzz.Target;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Afl;

/// <summary>
/// One afl-fuzz process of the campaign: the main instance (-M main) or a secondary (-S secN), all in
/// the same sync directory, so instances on other machines can join by syncing into it. afl-fuzz runs
/// in a session and process group of its own (setsid), in OUT, with the campaign's marker in its
/// environment (<see cref="CampaignProcesses"/>): the terminal's Ctrl-C reaches the campaign alone,
/// which stops afl-fuzz itself, and whatever afl-fuzz leaves behind can be found and killed.
/// </summary>
public sealed class AflInstance : IDisposable
{
    readonly Process _process;
    readonly DateTime _startedUtc;

    AflInstance(string name, Process process, DateTime startedUtc, string directory)
    {
        Name = name;
        _process = process;
        _startedUtc = startedUtc;
        Directory = directory;
    }

    public string Name { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string LogPath { get; private init; } = "";

    /// <summary>The instance's folder in AFL++'s sync directory.</summary>
    public string Directory { get; }

    public static string InstanceName(int index) => index == 0 ? "main" : $"sec{index}";

    /// <param name="timeLimit">afl-fuzz's own -V: it stops by itself even if the campaign is killed before it can stop it.</param>
    public static AflInstance Start(CampaignOptions options, int index, int? cpu, TimeSpan timeLimit)
    {
        var name = InstanceName(index);
        var resuming = options.Resume && System.IO.Directory.Exists(Path.Combine(options.AflDirectory, name, "queue"));
        var fuzzer = AflTools.FuzzerPath;
        // setsid: a session (and so a process group) of afl-fuzz's own. Without it, afl-fuzz stays in
        // the campaign's group: then the terminal's Ctrl-C reaches it directly as well, which is harmless.
        var setsid = AflTools.FindOptional("setsid");
        var start = new ProcessStartInfo(setsid ?? fuzzer)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Every process of the campaign works in OUT (paths given to afl-fuzz are absolute).
            WorkingDirectory = options.OutputDirectory,
        };
        var args = start.ArgumentList;
        if (setsid is not null) { args.Add("--wait"); args.Add(fuzzer); }
        args.Add("-i"); args.Add(resuming ? "-" : options.SeedDirectory);
        args.Add("-o"); args.Add(options.AflDirectory);
        args.Add(index == 0 ? "-M" : "-S"); args.Add(name);
        args.Add("-x"); args.Add(options.DictionaryPath);
        // Above the target's own per-call timeout, so a hanging dext is reported by the target (with
        // its context) before afl-fuzz gives up on the input.
        args.Add("-t"); args.Add(((int)Math.Max(1000, options.CallTimeout.TotalMilliseconds * 2 + 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        args.Add("-m"); args.Add("none");
        args.Add("-V"); args.Add(((int)Math.Max(1, Math.Ceiling(timeLimit.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture));
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
        env[CampaignProcesses.MarkerVariable] = options.OutputDirectory;
        env[TargetSettings.SpecVariable] = options.Spec.SourcePath;
        env[TargetSettings.TransportVariable] = options.Variant.Transport().Name();
        env[TargetSettings.BinaryVariable] = options.Variant.Binary(options.Target);
        env[TargetSettings.NativeCoverageVariable] = options.NativeCoverage ? "1" : "0";
        env[TargetSettings.StatusFileVariable] = Path.Combine(options.AflDirectory, name, FuzzerStats.StatusFileName);
        env[TargetSettings.KnownFolderVariable] = options.KnownDirectory;
        env[TargetSettings.InstanceVariable] = name;
        env[TargetSettings.CallTimeoutVariable] = ((int)options.CallTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var logPath = Path.Combine(options.OutputDirectory, "logs", $"{name}.log");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var startedUtc = DateTime.UtcNow;
        var process = Process.Start(start) ?? throw new FuzzSetupException($"cannot start {fuzzer}");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return new AflInstance(name, process, startedUtc, Path.Combine(options.AflDirectory, name)) { LogPath = logPath };
    }

    /// <summary>
    /// True once this afl-fuzz runs the target: the target's execution count (written about once a
    /// second) or afl-fuzz's fuzzer_stats changed since this instance started (a resumed campaign's
    /// files from before do not count).
    /// </summary>
    public bool HasStartedFuzzing()
    {
        bool Fresh(string file) => File.Exists(Path.Combine(Directory, file)) && File.GetLastWriteTimeUtc(Path.Combine(Directory, file)) >= _startedUtc;
        return Fresh(FuzzerStats.StatusFileName) || (Fresh("fuzzer_stats") && FuzzerStats.Read(Directory) is { Execs: > 0 });
    }

    /// <summary>Asks afl-fuzz to stop (SIGINT: it writes its stats, kills its fork server and exits).</summary>
    public void RequestStop()
    {
        if (!_process.HasExited) Posix.Kill(_process.Id, Posix.SigInt);
    }

    /// <summary>Asks afl-fuzz to stop, waits up to <paramref name="grace"/>, then kills its whole process group.</summary>
    public void Stop(TimeSpan grace)
    {
        RequestStop();
        if (!_process.WaitForExit(grace)) KillGroup();
        _process.WaitForExit();
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>afl-fuzz's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>SIGKILL to afl-fuzz's process group (its own, from setsid) and to afl-fuzz itself.</summary>
    void KillGroup()
    {
        try
        {
            if (_process.HasExited) return;
            if (CampaignProcesses.ProcessGroup(_process.Id) == _process.Id) Posix.KillGroup(_process.Id, Posix.SigKill);
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Gone meanwhile.
        }
    }

    public void Dispose()
    {
        KillGroup();
        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
