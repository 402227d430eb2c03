namespace ConformanceKit.Reports.Allure.Model;

/// <summary>How the report shows a parameter's value.</summary>
public enum ParameterMode { Default, Hidden, Masked }

/// <summary>
/// A test parameter. <see cref="Excluded"/> keeps it out of the history id: the seed or a campaign's
/// exec count change from run to run, yet it is the same test whose trend the report should show.
/// </summary>
public sealed record Parameter(string Name, string Value)
{
    public bool? Excluded { get; init; }
    public ParameterMode? Mode { get; init; }

    public static Parameter Tracked(string name, string value) => new(name, value);

    public static Parameter Informational(string name, string value) => new(name, value) { Excluded = true };
}
