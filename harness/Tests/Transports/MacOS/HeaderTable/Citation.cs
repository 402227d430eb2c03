namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>A line of a pinned Apple header (see <see cref="AppleSource"/>), 1-based.</summary>
public sealed record Citation(string Header, int Line)
{
    public override string ToString() => $"{Header}:{Line}";
}
