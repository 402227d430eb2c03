using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConformanceKit.Reports.Tests.Support;

/// <summary>
/// A minimal client of Chromium's DevTools protocol over one target's WebSocket: commands answered
/// by id, and the page's console errors and uncaught exceptions kept to explain a page that never
/// showed what was expected. No dependency beyond the BCL's ClientWebSocket and System.Text.Json.
/// </summary>
public sealed class DevToolsSession : IDisposable
{
    readonly ClientWebSocket socket = new();
    readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    readonly ConcurrentQueue<string> problems = new();
    readonly CancellationTokenSource closing = new();
    readonly Task receiving;
    int lastId;

    DevToolsSession(Uri webSocketUrl, TimeSpan connectLimit)
    {
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using (var connect = new CancellationTokenSource(connectLimit))
            socket.ConnectAsync(webSocketUrl, connect.Token).GetAwaiter().GetResult();
        receiving = Task.Run(ReceiveLoop);
    }

    public static DevToolsSession Connect(Uri webSocketUrl, TimeSpan connectLimit) => new(webSocketUrl, connectLimit);

    /// <summary>The page's console errors, uncaught exceptions and failed loads so far, oldest first.</summary>
    public IReadOnlyList<string> Problems => problems.ToArray();

    /// <summary>Sends a command and waits (at most <paramref name="limit"/>) for its result; a protocol error throws.</summary>
    public JsonElement Send(string method, JsonObject? parameters, TimeSpan limit)
    {
        var id = Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        lock (socket)
            socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, closing.Token).GetAwaiter().GetResult();
        if (!answer.Task.Wait(limit))
        {
            pending.TryRemove(id, out _);
            throw new TimeoutException($"DevTools did not answer {method} within {limit.TotalSeconds:0} s");
        }
        var reply = answer.Task.Result;
        if (reply.TryGetProperty("error", out var error))
            throw new InvalidOperationException($"DevTools {method} failed: {error.GetRawText()}");
        return reply.GetProperty("result");
    }

    async Task ReceiveLoop()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var part = await socket.ReceiveAsync(buffer, closing.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                Dispatch(JsonDocument.Parse(message.ToArray()).RootElement);
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        finally
        {
            foreach (var answer in pending.Values)
                answer.TrySetException(new IOException("the DevTools connection closed"));
        }
    }

    void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id))
        {
            if (pending.TryRemove(id.GetInt32(), out var answer)) answer.TrySetResult(message);
            return;
        }
        if (!message.TryGetProperty("method", out var method) || !message.TryGetProperty("params", out var parameters)) return;
        switch (method.GetString())
        {
            case "Runtime.exceptionThrown":
                var details = parameters.GetProperty("exceptionDetails");
                problems.Enqueue("uncaught: " + (details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var description)
                    ? description.GetString()
                    : details.GetProperty("text").GetString()));
                break;
            case "Runtime.consoleAPICalled" when parameters.GetProperty("type").GetString() is "error" or "warning":
                problems.Enqueue($"console.{parameters.GetProperty("type").GetString()}: " + string.Join(" ",
                    parameters.GetProperty("args").EnumerateArray().Select(a =>
                        a.TryGetProperty("value", out var v) ? v.ToString() : a.TryGetProperty("description", out var d) ? d.GetString() : a.GetRawText())));
                break;
            case "Log.entryAdded":
                var entry = parameters.GetProperty("entry");
                if (entry.GetProperty("level").GetString() is "error" or "warning")
                    problems.Enqueue($"log ({entry.GetProperty("source").GetString()}): {entry.GetProperty("text").GetString()}" +
                                     (entry.TryGetProperty("url", out var url) ? $" [{Shorten(url.GetString())}]" : ""));
                break;
        }
    }

    static string Shorten(string? url) => url is null || url.Length <= 120 ? url ?? "" : url[..120] + "…";

    public void Dispose()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
        closing.Cancel();
        try { receiving.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
        socket.Dispose();
        closing.Dispose();
    }
}
