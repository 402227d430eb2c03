namespace ConformanceKit.Reports.Tests.Support;

/// <summary>
/// Debian's `chromium`, headless, with everything that could reach the network switched off and a
/// fresh profile per call. --virtual-time-budget lets the report's scripts run to completion before
/// the DOM is dumped or the screenshot taken.
/// </summary>
public sealed class HeadlessChromium
{
    static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome"];
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    readonly string executable;

    HeadlessChromium(string executable) => this.executable = executable;

    /// <summary>Chromium from PATH, or a failure that says how to get it.</summary>
    public static HeadlessChromium Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in Candidates)
            foreach (var dir in path)
                if (File.Exists(Path.Combine(dir, name))) return new HeadlessChromium(Path.Combine(dir, name));
        Assert.Fail("headless Chromium is needed to check the HTML report, but none of chromium, chromium-browser or google-chrome is on PATH. " +
                    "`./run.sh test` installs Debian's `chromium` package; by hand: apt-get install chromium");
        throw new InvalidOperationException();
    }

    /// <summary>The page's DOM after its scripts ran.</summary>
    public string DumpDom(string url) => Run(url, "--dump-dom").Output;

    public void Screenshot(string url, string pngPath, int width = 1440, int height = 1000)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        Run(url, $"--screenshot={pngPath}", $"--window-size={width},{height}", "--hide-scrollbars");
        Assert.That(File.Exists(pngPath) && new FileInfo(pngPath).Length > 10_000, Is.True, $"Chromium wrote no screenshot of {url} to {pngPath}");
    }

    ProcessRun.Outcome Run(string url, params string[] action)
    {
        using var profile = new TemporaryDirectory("chromium-profile");
        string[] arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--mute-audio",
            $"--user-data-dir={profile.Path}", "--virtual-time-budget=10000",
            .. action, url,
        ];
        var outcome = ProcessRun.Run(executable, arguments, Limit);
        Assert.That(outcome.ExitCode, Is.EqualTo(0), $"{executable} failed on {url}:\n{outcome.Error}");
        return outcome;
    }
}
