namespace ConformanceKit.Reports.Allure.Writing;

/// <summary>
/// MIME types and the attachment file extension that goes with them. The type decides the report's
/// preview (text is shown inline, octet-stream is offered as a download), and Allure 3 also derives it
/// from the extension when a type is missing, so both are set consistently.
/// </summary>
public static class MimeTypes
{
    public const string Text = "text/plain";
    public const string Json = "application/json";
    public const string Binary = "application/octet-stream";
    public const string Png = "image/png";
    /// <summary>Our charts: Allure 3 shows an image/svg+xml attachment as a picture, like a PNG.</summary>
    public const string Svg = "image/svg+xml";
    public const string Html = "text/html";
    public const string Xml = "application/xml";
    public const string Csv = "text/csv";

    /// <summary>The type of a file we attach, by its name. Logs and reproducers are text; raw fuzzer input is binary.</summary>
    public static string ForFile(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".txt" or ".log" or ".md" => Text,
        ".json" => Json,
        ".png" => Png,
        ".svg" => Svg,
        ".html" or ".htm" => Html,
        ".xml" => Xml,
        ".csv" => Csv,
        _ => Binary,
    };

    /// <summary>The extension of an attachment file holding content of this type.</summary>
    public static string ExtensionFor(string mimeType) => mimeType switch
    {
        Text => ".txt",
        Json => ".json",
        Png => ".png",
        Svg => ".svg",
        Html => ".html",
        Xml => ".xml",
        Csv => ".csv",
        _ => ".bin",
    };
}
