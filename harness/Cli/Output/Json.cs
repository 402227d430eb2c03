using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.Cli.Output;

/// <summary>How the CLI writes its --json files: camelCase, indented, enums as kebab-case strings, atomically.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>For reading files back: a missing field or a null where the record has none is an error, not a null later.</summary>
    public static readonly JsonSerializerOptions StrictReading = new(Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Writes <paramref name="value"/> atomically; serialized first, so a failure leaves neither the file nor a temporary one.</summary>
    /// <exception cref="UsageException">the file cannot be written.</exception>
    public static void Write<T>(string path, T value) =>
        OutputPath.WriteText(path, JsonSerializer.Serialize(value, Options) + "\n");
}
