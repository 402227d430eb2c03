using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConformanceKit.Reports.Tests.Support;

/// <summary>
/// Debian's `chromium`, headless, with everything that could reach the network switched off and a
/// fresh profile per call, driven over its DevTools protocol. A page is read only once it shows what
/// the caller is about to check: the report's app fetches its (inlined) data asynchronously, and
/// nothing but the rendered text says when it is done — a time budget would race it, and lose under load.
/// </summary>
public sealed class HeadlessChromium
{
    static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome"];
    /// <summary>Bounds that are only reached when something is truly broken, never by a slow machine's normal pace.</summary>
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60), ShowLimit = TimeSpan.FromSeconds(90), CommandLimit = TimeSpan.FromSeconds(60);
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

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

    /// <summary>
    /// The page's DOM once its visible text contains every one of <paramref name="mustShow"/> — or, if it never
    /// does within a generous bound, the DOM as it is then, so that the caller's own assertion fails on the page text.
    /// </summary>
    public string DumpDom(string url, params string[] mustShow)
    {
        using var browser = Browser.Launch(executable);
        var page = browser.Open(url, 1440, 1000);
        page.WaitUntilShown(mustShow);
        return page.Evaluate("document.documentElement.outerHTML").GetString() ?? "";
    }

    /// <summary>A PNG of the page's viewport, taken once its visible text contains every one of <paramref name="mustShow"/> and the frame with it is painted.</summary>
    public void Screenshot(string url, string pngPath, string[] mustShow, int width = 1440, int height = 1000)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        using var browser = Browser.Launch(executable);
        var page = browser.Open(url, width, height);
        if (!page.WaitUntilShown(mustShow))
            Assert.Fail($"{url} never showed all of {string.Join(", ", mustShow.Select(s => $"'{s}'"))}, so there is nothing worth a screenshot. Page text:\n{page.VisibleText()}");
        page.Evaluate("document.fonts.ready.then(() => new Promise(painted => requestAnimationFrame(() => requestAnimationFrame(painted))))", awaitPromise: true);
        var shot = page.Session.Send("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, CommandLimit);
        File.WriteAllBytes(pngPath, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
        Assert.That(File.Exists(pngPath) && new FileInfo(pngPath).Length > 10_000, Is.True, $"Chromium wrote no screenshot of {url} to {pngPath}");
    }

    /// <summary>One browser process with its own profile and DevTools port; disposing it closes the page, kills the process tree and deletes the profile.</summary>
    sealed class Browser : IDisposable
    {
        static readonly HttpClient Http = new() { Timeout = CommandLimit };

        readonly Process process;
        readonly string profile;
        readonly Queue<string> log = new();
        int port;
        string? targetId;
        DevToolsSession? session;

        Browser(Process process, string profile)
        {
            this.process = process;
            this.profile = profile;
        }

        public static Browser Launch(string executable)
        {
            var profile = Path.Combine(Path.GetTempPath(), $"ck-reports-chromium-profile-{Guid.NewGuid():N}");
            Directory.CreateDirectory(profile);
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                $"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "about:blank",
            ];
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            Process process;
            try { process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}"); }
            catch
            {
                DeleteProfile(profile);
                throw;
            }
            var browser = new Browser(process, profile);
            process.OutputDataReceived += (_, e) => browser.Log(e.Data);
            process.ErrorDataReceived += (_, e) => browser.Log(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                browser.port = browser.ReadPort();
            }
            catch
            {
                browser.Dispose();
                throw;
            }
            return browser;
        }

        void Log(string? line)
        {
            if (line is null) return;
            lock (log)
            {
                log.Enqueue(line);
                if (log.Count > 40) log.Dequeue();
            }
        }

        string Output()
        {
            lock (log) return string.Join("\n", log);
        }

        /// <summary>Chromium writes the port it bound (and the browser's WebSocket path) to DevToolsActivePort in the profile once it listens.</summary>
        int ReadPort()
        {
            var file = Path.Combine(profile, "DevToolsActivePort");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < StartLimit)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"Chromium exited ({process.ExitCode}) before it listened for DevTools:\n{Output()}");
                if (File.Exists(file))
                {
                    string[] lines;
                    try { lines = File.ReadAllLines(file); }
                    catch (IOException) { lines = []; }
                    // Both lines present means the file is complete.
                    if (lines.Length >= 2 && int.TryParse(lines[0], out var found) && found > 0) return found;
                }
                Thread.Sleep(50);
            }
            throw new TimeoutException($"Chromium wrote no {file} within {StartLimit.TotalSeconds:0} s:\n{Output()}");
        }

        /// <summary>
        /// A new page target (`PUT /json/new`; Chromium refuses GET there), given the viewport first and
        /// then navigated to <paramref name="url"/> — through Page.navigate, so a URL's fragment needs no escaping.
        /// </summary>
        public Page Open(string url, int width, int height)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"http://127.0.0.1:{port}/json/new?about:blank");
            using var response = Http.Send(request);
            var body = new StreamReader(response.Content.ReadAsStream()).ReadToEnd();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Chromium refused a new page: {(int)response.StatusCode} {body}");
            using var target = JsonDocument.Parse(body);
            targetId = target.RootElement.GetProperty("id").GetString();
            session = DevToolsSession.Connect(new Uri(target.RootElement.GetProperty("webSocketDebuggerUrl").GetString()!), CommandLimit);

            session.Send("Runtime.enable", null, CommandLimit);
            session.Send("Log.enable", null, CommandLimit);
            session.Send("Emulation.setDeviceMetricsOverride", new JsonObject
            {
                ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
            }, CommandLimit);
            var navigation = session.Send("Page.navigate", new JsonObject { ["url"] = url }, CommandLimit);
            if (navigation.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
                Assert.Fail($"Chromium could not open {url}: {text}");
            return new Page(url, session);
        }

        public void Dispose()
        {
            try
            {
                if (targetId is not null && !process.HasExited)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Put, $"http://127.0.0.1:{port}/json/close/{targetId}");
                    using var response = Http.Send(request);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }
            session?.Dispose();
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            catch (InvalidOperationException) { }
            process.Dispose();
            DeleteProfile(profile);
        }

        /// <summary>The profile goes whatever happened; a child that was still writing when killed can leave a file behind for a moment.</summary>
        static void DeleteProfile(string profile)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
                    return;
                }
                catch (IOException) when (attempt < 20) { Thread.Sleep(100); }
                catch (IOException) { return; }
            }
        }
    }

    sealed class Page(string url, DevToolsSession session)
    {
        public DevToolsSession Session => session;

        /// <summary>
        /// Polls the visible text until it contains every one of <paramref name="mustShow"/>. False if the bound
        /// passed first — then what the page reported going wrong is written to the test's progress output.
        /// </summary>
        public bool WaitUntilShown(IReadOnlyCollection<string> mustShow)
        {
            if (mustShow.Count == 0) throw new ArgumentException("say what the page must show before it is read", nameof(mustShow));
            var condition = $"(() => {{ const text = document.body ? document.body.innerText : ''; return {JsonSerializer.Serialize(mustShow)}.every(s => text.includes(s)); }})()";
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var remaining = ShowLimit - clock.Elapsed;
                if (remaining <= TimeSpan.Zero) break;
                try
                {
                    if (Evaluate(condition, limit: remaining).ValueKind == JsonValueKind.True) return true;
                }
                // While the document is replaced there is briefly no context to evaluate in; the next poll has one.
                catch (InvalidOperationException) { }
                catch (TimeoutException) { break; }
                Thread.Sleep(PollInterval);
            }
            var missing = mustShow.Where(s => !VisibleText().Contains(s, StringComparison.Ordinal));
            TestContext.Progress.WriteLine($"{url} did not show {string.Join(", ", missing.Select(s => $"'{s}'"))} within {ShowLimit.TotalSeconds:0} s; " +
                                           $"the page reported: {(session.Problems.Count == 0 ? "nothing" : string.Join("\n  ", session.Problems.Prepend("")))}");
            return false;
        }

        public string VisibleText()
        {
            try { return Evaluate("document.body ? document.body.innerText : ''").GetString() ?? ""; }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException) { return $"(unreadable: {e.Message})"; }
        }

        /// <summary>The value of a JavaScript expression in the page (awaited if a promise); an exception in it throws.</summary>
        public JsonElement Evaluate(string expression, bool awaitPromise = false, TimeSpan? limit = null)
        {
            var reply = session.Send("Runtime.evaluate", new JsonObject
            {
                ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = awaitPromise,
            }, limit ?? CommandLimit);
            if (reply.TryGetProperty("exceptionDetails", out var exception))
                throw new InvalidOperationException($"{expression[..Math.Min(expression.Length, 80)]} threw: {exception.GetRawText()}");
            var result = reply.GetProperty("result");
            return result.TryGetProperty("value", out var value) ? value.Clone() : default;
        }
    }
}
