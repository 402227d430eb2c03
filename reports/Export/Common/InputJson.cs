using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.Reports.Export.Common;

/// <summary>
/// Reads the JSON files ConformanceKit writes (camelCase, enums as kebab-case strings). A file that is
/// missing a required field or is not JSON is an <see cref="ExportException"/> naming the file.
/// </summary>
public static class InputJson
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static T Read<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new ExportException(path, "the file holds null");
        }
        catch (JsonException e)
        {
            throw new ExportException(path, $"not the expected JSON: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExportException(path, $"cannot read: {e.Message}");
        }
    }
}
