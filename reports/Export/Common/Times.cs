using System.Globalization;

namespace ConformanceKit.Reports.Export.Common;

/// <summary>ISO-8601 timestamps of the input files as Allure's Unix milliseconds.</summary>
public static class Times
{
    public static long? Milliseconds(string? iso8601) =>
        iso8601 is not null && DateTimeOffset.TryParse(iso8601, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : null;

    public static long FileTime(string path) => new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeMilliseconds();
}
