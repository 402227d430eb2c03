using ConformanceKit.Oracle;
using ConformanceKit.Reports.Allure.Model;

namespace ConformanceKit.Reports.Allure.Conformance;

/// <summary>What the report says about a conformance rule: its severity and its family (the feature label).</summary>
public static class RuleFacts
{
    /// <summary>
    /// Critical where breaking the rule is a way in for any app that can open the user client
    /// (a crash or sanitizer report, unchecked input reaching a handler, an out-of-range selector not
    /// refused, a request served before registration, an open without the entitlement); normal where it
    /// is a functional defect (wrong outputs, a lost completion, a leaked object); critical too where a
    /// device is driven after Stop or a DMA command is left prepared (the device writes freed memory).
    /// </summary>
    public static string Severity(string rule) => rule switch
    {
        Rules.MemorySafety or Rules.DispatchShape or Rules.SelectorRange or Rules.AsyncRegisterBeforeRequest or Rules.AccessEntitlement
            or Rules.DeviceStoppedIO or Rules.DeviceDmaBalance
            => Severities.Critical,
        _ => Severities.Normal,
    };

    /// <summary>The part before the dot: dispatch, selector, memory, async, objects, access, hid.</summary>
    public static string Family(string rule) => rule.Split('.', 2)[0];

    public static bool IsRule(string rule) => Rules.All.Contains(rule);

    public static string Describe(string rule) => Rules.Describe(rule);
}
