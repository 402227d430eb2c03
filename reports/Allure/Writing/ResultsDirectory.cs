using System.Text;
using ConformanceKit.Contracts;
using ConformanceKit.Reports.Allure.Model;

namespace ConformanceKit.Reports.Allure.Writing;

/// <summary>
/// An Allure results directory: every file is written atomically (<see cref="AtomicFile"/>), so Allure
/// never reads half a result even when a test run is killed, and several writers (the test assemblies
/// run in parallel, the exporters) can share one directory: results and attachments have unique
/// names, environment entries are merged under a lock, and categories/executor are the same from
/// every writer.
/// </summary>
public sealed class ResultsDirectory
{
    /// <summary>The variable run.sh sets for `dotnet test`; the NUnit hook does nothing without it.</summary>
    public const string Variable = "ALLURE_RESULTS_DIR";

    public ResultsDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The directory named by ALLURE_RESULTS_DIR, or null when it is unset or empty.</summary>
    public static ResultsDirectory? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? new ResultsDirectory(path) : null;

    public static string NewUuid() => Guid.NewGuid().ToString();

    public string Write(AllureResult result) => WriteJson($"{Checked(result.Uuid)}-result.json", result);

    public string Write(AllureContainer container) => WriteJson($"{Checked(container.Uuid)}-container.json", container);

    public Attachment Attach(string name, string mimeType, ReadOnlySpan<byte> content)
    {
        var source = $"{NewUuid()}-attachment{MimeTypes.ExtensionFor(mimeType)}";
        AtomicFile.Write(System.IO.Path.Combine(Path, source), content);
        return new Attachment(name, mimeType, source);
    }

    public Attachment AttachText(string name, string text, string mimeType = MimeTypes.Text) =>
        Attach(name, mimeType, Encoding.UTF8.GetBytes(text));

    /// <summary>Copies a file in as an attachment; its type comes from its name unless given.</summary>
    public Attachment AttachFile(string name, string sourcePath, string? mimeType = null)
    {
        var type = mimeType ?? MimeTypes.ForFile(sourcePath);
        var source = $"{NewUuid()}-attachment{MimeTypes.ExtensionFor(type)}";
        AtomicFile.Copy(sourcePath, System.IO.Path.Combine(Path, source));
        return new Attachment(name, type, source);
    }

    public void WriteCategories(IReadOnlyList<Category> categories) => WriteJson("categories.json", categories);

    public void WriteExecutor(Executor executor) => WriteJson("executor.json", executor);

    /// <summary>Adds entries to environment.properties, keeping what other writers put there (new values win).</summary>
    public void MergeEnvironment(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var file = System.IO.Path.Combine(Path, "environment.properties");
        using var exclusive = AcquireLock(System.IO.Path.Combine(Path, AtomicFile.TemporaryPrefix + "environment.lock"));
        var merged = new List<KeyValuePair<string, string>>();
        if (File.Exists(file)) merged.AddRange(JavaProperties.Parse(File.ReadAllText(file, Encoding.Latin1)));
        foreach (var entry in entries)
        {
            var at = merged.FindIndex(e => e.Key == entry.Key);
            if (at >= 0) merged[at] = entry;
            else merged.Add(entry);
        }
        AtomicFile.Write(file, Encoding.ASCII.GetBytes(JavaProperties.Format(merged)));
    }

    string WriteJson<T>(string fileName, T value)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        AtomicFile.Write(path, AllureJson.Serialize(value));
        return path;
    }

    static string Checked(string uuid) =>
        uuid.Length > 0 && uuid.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? uuid
            : throw new ArgumentException($"an Allure uuid must be letters, digits and dashes (it names a file): '{uuid}'", nameof(uuid));

    // .NET maps FileShare.None to an advisory lock on Unix, which other processes' writers honour too.
    static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
