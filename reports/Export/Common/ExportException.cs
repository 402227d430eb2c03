namespace ConformanceKit.Reports.Export.Common;

/// <summary>An input the exporters cannot use; the message names the file (a usage/setup error, exit 2).</summary>
public sealed class ExportException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
}
