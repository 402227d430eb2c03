namespace ConformanceKit.Programs;

/// <summary>The app's com.apple.developer.driverkit.userclient-access entitlement for an open.</summary>
public abstract record ClientAccess
{
    /// <summary>Lists the dext's own bundle identifier (what a correctly entitled app has).</summary>
    public sealed record Entitled : ClientAccess;

    /// <summary>No userclient-access entitlement at all.</summary>
    public sealed record None : ClientAccess;

    /// <summary>Lists exactly these identifiers.</summary>
    public sealed record Listed(EquatableArray<string> Identifiers) : ClientAccess;

    public static readonly ClientAccess AsEntitled = new Entitled();
    public static readonly ClientAccess Nothing = new None();

    /// <summary>The identifiers the app presents, given the dext's bundle identifier.</summary>
    public IReadOnlyList<string> Resolve(string? dextIdentifier) => this switch
    {
        Entitled => dextIdentifier is null ? [] : [dextIdentifier],
        Listed listed => listed.Identifiers.Items,
        _ => [],
    };
}
