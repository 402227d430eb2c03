namespace ConformanceKit.Reports.Allure.Model;

/// <summary>A reference from a result or step to an attachment file in the same results directory.</summary>
/// <param name="Name">What the report shows.</param>
/// <param name="Type">The MIME type, which decides how the report previews it.</param>
/// <param name="Source">The attachment's file name, <c>&lt;uuid&gt;-attachment.&lt;ext&gt;</c>.</param>
public sealed record Attachment(string Name, string Type, string Source);
