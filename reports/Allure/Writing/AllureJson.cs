using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.Reports.Allure.Writing;

/// <summary>
/// How results are serialized: camelCase names and lower-case enum values (the reader's
/// <c>"failed"</c>, <c>"finished"</c>), nulls left out rather than written as <c>null</c> (the reader's
/// <c>ensureString</c> treats both alike, but absent is what allure-js writes), and text kept readable:
/// non-ASCII as UTF-8 and quotes as <c>\"</c> rather than <c>\u0022</c>. The relaxed encoder only
/// skips escaping for HTML (<c>&lt;</c>, <c>&amp;</c>, <c>'</c>), which is safe because these files are
/// data for Allure, never pasted into a page by us; quotes, backslashes and control characters are still
/// escaped, so every string round-trips.
/// </summary>
public static class AllureJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
