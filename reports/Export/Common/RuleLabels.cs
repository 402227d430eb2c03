using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Model;

namespace ConformanceKit.Reports.Export.Common;

/// <summary>
/// The labels every exported rule verdict carries — parentSuite = dext, suite = rule id, subSuite =
/// selector, the same filing as the conformance suite's NUnit tests — plus where it came from.
/// </summary>
public static class RuleLabels
{
    public static List<Label> For(string dext, string rule, string? selector, string source, string thread)
    {
        var labels = new List<Label> { Label.ParentSuite(dext), Label.Suite(rule) };
        if (selector is not null) labels.Add(Label.SubSuite(selector));
        labels.Add(Label.Feature($"conformance: {RuleFacts.Family(rule)}"));
        labels.Add(Label.Story(rule));
        labels.Add(Label.Severity(RuleFacts.IsRule(rule) ? RuleFacts.Severity(rule) : Severities.Normal));
        labels.Add(Label.Tag(source));
        labels.Add(Label.Framework($"conformancekit {source}"));
        labels.Add(Label.Language("C#"));
        labels.Add(Label.Host(RunContext.Host));
        labels.Add(Label.Thread(thread));
        return labels;
    }

    public static Label KnownTag(bool known) => Label.Tag(known ? "known" : "new");

    public static string RuleLine(string rule) =>
        RuleFacts.IsRule(rule) ? $"**{rule}**: {RuleFacts.Describe(rule)}." : $"**{rule}**";
}
