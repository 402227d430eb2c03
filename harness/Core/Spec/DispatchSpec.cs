using System.Collections.Immutable;
using ConformanceKit.IOKit;

namespace ConformanceKit.Spec;

/// <summary>The dispatch spec of one dext: its user client's selectors and protocol rules.</summary>
public sealed record DispatchSpec(
    string Dext,
    string Service,
    string? BundleIdentifier,
    uint ConnectionType,
    AccessPolicy Access,
    ImmutableArray<IOReturn> OutOfRange,
    ImmutableArray<SelectorSpec> Selectors,
    AsyncSpec? Async,
    ImmutableArray<KnownFinding> Known,
    string SourcePath)
{
    /// <summary>How the dext is built: build settings, entitlements file, sources and include folders (spec keys build:, sources:, include:).</summary>
    public BuildSpec Build { get; init; } = BuildSpec.Default;

    /// <summary>The hid: section: when present, the dext's HID devices are judged (rule hid.reports); null otherwise.</summary>
    public HidSpec? Hid { get; init; }

    /// <summary>The device: section: when present, programs drive the dext's simulated device; null otherwise.</summary>
    public DeviceSpec? Device { get; init; }

    /// <summary>The limits: section: per-connection limits and the refusal beyond them; null when the spec states none.</summary>
    public LimitsSpec? Limits { get; init; }

    public bool IsKnown(string rule, uint? selector, string kind) => Known.Any(k => k.Covers(rule, selector, kind));

    public KnownFinding? KnownEntry(string rule, uint? selector, string kind) => Known.FirstOrDefault(k => k.Covers(rule, selector, kind));

    public string? SelectorName(uint selector) => Find(selector)?.Name;

    public SelectorSpec? Find(uint selector)
    {
        foreach (var entry in Selectors)
            if (entry.Selector == selector) return entry;
        return null;
    }

    /// <summary>One past the highest declared selector: the first selector just outside the table.</summary>
    public uint SelectorLimit => Selectors.IsEmpty ? 0 : Selectors.Max(s => s.Selector) + 1;

    public SelectorSpec? RegisterSelector => Selectors.FirstOrDefault(s => s.Role == AsyncRole.RegisterCallback);
}
