namespace ConformanceKit.Reports.Allure.Conformance;

/// <summary>
/// Failure messages of rule violations start with the rule id in brackets — <c>[memory.safety]</c>,
/// or <c>[memory.safety, known]</c> for a finding the spec lists as known — because categories.json
/// can only sort failures by status and message (Allure 2), and the reviewer reads the rule first.
/// </summary>
public static class FailureMessage
{
    public static string Prefix(string rule, bool known) => known ? $"[{rule}, known] " : $"[{rule}] ";

    public static string For(string rule, bool known, string message) =>
        message.StartsWith('[') && message.StartsWith(Prefix(rule, known).TrimEnd(), StringComparison.Ordinal)
            ? message
            : Prefix(rule, known) + message;
}
