using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ConformanceKit.Contracts;

/// <summary>
/// The one JSON form of every file ConformanceKit writes: camelCase, indented, enums as kebab-case
/// strings, a newline at the end. Reading is strict — a missing field the record requires, or a null
/// where it has none, is an error naming the file, not a null met later — and each format brings its
/// own upgrade of older shapes (fields renamed or added since) before the record is read.
/// </summary>
public static class ContractJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    static readonly JsonSerializerOptions Reading = new(Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically (<see cref="AtomicFile"/>), serialized first.</summary>
    public static void Write<T>(string path, T value) => AtomicFile.Write(path, Serialize(value));

    /// <summary>Reads a file as <typeparamref name="T"/>, after <paramref name="upgrade"/> has brought an older shape up to date.</summary>
    /// <exception cref="ContractException">the file cannot be read, is not JSON, or is not a <typeparamref name="T"/>.</exception>
    public static T Read<T>(string path, Action<JsonObject>? upgrade = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContractException(path, $"cannot read: {e.Message}");
        }
        return Parse<T>(path, text, upgrade);
    }

    /// <summary>Reads <paramref name="text"/> (the content of <paramref name="path"/>) as <typeparamref name="T"/>.</summary>
    /// <exception cref="ContractException">not JSON, or not a <typeparamref name="T"/>.</exception>
    public static T Parse<T>(string path, string text, Action<JsonObject>? upgrade = null)
    {
        try
        {
            if (JsonNode.Parse(text) is not JsonObject document) throw new ContractException(path, "not the expected JSON: not an object");
            upgrade?.Invoke(document);
            return document.Deserialize<T>(Reading) ?? throw new ContractException(path, "the file holds null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new ContractException(path, $"not the expected JSON: {FirstLine(e.Message)}");
        }
    }

    static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('\r');
}
