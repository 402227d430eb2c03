namespace ConformanceKit.Runner;

/// <summary>Findings deduplicated by signature, keeping the smallest program seen for each.</summary>
public sealed class FindingSet
{
    readonly Dictionary<string, Finding> _bySignature = new(StringComparer.Ordinal);

    public int Count => _bySignature.Count;

    public IReadOnlyList<Finding> All =>
        _bySignature.Values.OrderBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Selector ?? uint.MaxValue).ThenBy(f => f.Signature, StringComparer.Ordinal).ToArray();

    /// <summary>Adds a finding; true when its signature is new or its program is smaller than the one kept.</summary>
    public bool Add(Finding finding)
    {
        if (_bySignature.TryGetValue(finding.Signature, out var kept) && ProgramSize.Of(kept.Program) <= ProgramSize.Of(finding.Program))
            return false;
        _bySignature[finding.Signature] = finding;
        return true;
    }

    public bool Contains(string signature) => _bySignature.ContainsKey(signature);

    /// <summary>The signatures found so far.</summary>
    public IReadOnlySet<string> Signatures => _bySignature.Keys.ToHashSet(StringComparer.Ordinal);
}
