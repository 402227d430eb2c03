using System.Text.Json;

namespace ConformanceKit.Reports.Tests.Support;

/// <summary>Reads back what a writer left in a results directory, as raw JSON (the schema is what is under test).</summary>
public sealed class ResultsOnDisk(string directory)
{
    public IReadOnlyList<JsonElement> Results => Read("*-result.json");

    public IReadOnlyList<JsonElement> Containers => Read("*-container.json");

    public JsonElement Single(string name) =>
        Results.SingleOrDefault(r => r.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } result
            ? result
            : throw new AssertionException($"expected one result named '{name}' in {directory}; found: {string.Join(", ", Results.Select(r => r.GetProperty("name").GetString()))}");

    public string AttachmentText(JsonElement attachment) =>
        File.ReadAllText(Path.Combine(directory, attachment.GetProperty("source").GetString()!));

    public byte[] AttachmentBytes(JsonElement attachment) =>
        File.ReadAllBytes(Path.Combine(directory, attachment.GetProperty("source").GetString()!));

    public static string? Label(JsonElement result, string name) =>
        result.GetProperty("labels").EnumerateArray().Where(l => l.GetProperty("name").GetString() == name)
            .Select(l => l.GetProperty("value").GetString()).FirstOrDefault();

    public static IReadOnlyList<string?> Labels(JsonElement result, string name) =>
        result.GetProperty("labels").EnumerateArray().Where(l => l.GetProperty("name").GetString() == name)
            .Select(l => l.GetProperty("value").GetString()).ToArray();

    public static string? Parameter(JsonElement result, string name) =>
        result.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("name").GetString() == name)
            .Select(p => p.GetProperty("value").GetString()).FirstOrDefault();

    public static IReadOnlyList<JsonElement> Attachments(JsonElement result) =>
        result.GetProperty("attachments").EnumerateArray()
            .Concat(result.GetProperty("steps").EnumerateArray().SelectMany(s => s.GetProperty("attachments").EnumerateArray()))
            .ToArray();

    public static string Status(JsonElement result) => result.GetProperty("status").GetString()!;

    IReadOnlyList<JsonElement> Read(string pattern) =>
        Directory.EnumerateFiles(directory, pattern).Order(StringComparer.Ordinal)
            .Select(f => JsonDocument.Parse(File.ReadAllBytes(f)).RootElement.Clone()).ToArray();
}
