namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// An Apple open-source release the table was checked against. Header paths in citations are
/// "&lt;Name&gt;/&lt;path in that repository&gt;", e.g. "xnu/osfmk/mach/message.h".
/// </summary>
public sealed record AppleSource(string Name, string Release, string Commit)
{
    public string Repository => $"https://github.com/apple-oss-distributions/{Name}";

    /// <summary>The releases every line number in the table refers to.</summary>
    public static IReadOnlyList<AppleSource> Pinned { get; } =
    [
        new("IOKitUser", "IOKitUser-100222.0.4", "1a6b2d14f7834563cc677d181c1a2f4cdfdf49dc"),
        new("xnu", "xnu-11417.101.15", "e3723e1f17661b24996789d8afc084c0c3303b26"),
        new("libdispatch", "libdispatch-1542.0.4", "2361ffb78a76f7ee488cd052eb0bc5c767118bf9"),
    ];
}
