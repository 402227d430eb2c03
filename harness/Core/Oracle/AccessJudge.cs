using ConformanceKit.IOKit;
using ConformanceKit.Spec;

namespace ConformanceKit.Oracle;

/// <summary>
/// access.entitlement: an open succeeds for a client whose entitlements the dext accepts (any client
/// under allow-any-userclient-access, else one whose userclient-access lists the dext's bundle
/// identifier) and is refused with kIOReturnNotPermitted for any other. An open that found no
/// service (kIOReturnNoDevice) never reached the access check, so it judges nothing.
/// </summary>
public sealed class AccessJudge(DispatchSpec spec)
{
    /// <summary>Whether the dext accepts a client with these userclient-access identifiers.</summary>
    public bool Entitles(IReadOnlyList<string> access) =>
        spec.Access == AccessPolicy.Any || (spec.BundleIdentifier is { } bundle && access.Contains(bundle));

    /// <summary>What an open by a client with these identifiers must return.</summary>
    public IOReturn Expected(IReadOnlyList<string> access) => Entitles(access) ? IOReturn.Success : IOReturn.NotPermitted;

    /// <summary>Judges one open: its return, and how the transport described it (the runtime's reason for a refusal).</summary>
    public void Judge(IReadOnlyList<string> access, IOReturn result, string observed, int stepIndex, List<Violation> sink)
    {
        var expected = Expected(access);
        if (result == expected || result == IOReturn.NoDevice) return;
        var policy = spec.Access == AccessPolicy.Any ? "the dext allows any client" : $"only clients listing {spec.BundleIdentifier}";
        sink.Add(new Violation(Rules.AccessEntitlement, stepIndex, null,
            expected.IsSuccess ? "entitled-refused" : "unentitled-opened",
            $"{expected} for a client with access [{string.Join(",", access)}] ({policy})",
            observed));
    }
}
