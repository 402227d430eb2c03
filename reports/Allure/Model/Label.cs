namespace ConformanceKit.Reports.Allure.Model;

/// <summary>A name/value label: suites, feature/story, severity, tag, host, thread...</summary>
public sealed record Label(string Name, string Value)
{
    public static Label ParentSuite(string value) => new(LabelNames.ParentSuite, value);
    public static Label Suite(string value) => new(LabelNames.Suite, value);
    public static Label SubSuite(string value) => new(LabelNames.SubSuite, value);
    public static Label Feature(string value) => new(LabelNames.Feature, value);
    public static Label Story(string value) => new(LabelNames.Story, value);
    public static Label Severity(string value) => new(LabelNames.Severity, value);
    public static Label Tag(string value) => new(LabelNames.Tag, value);
    public static Label Framework(string value) => new(LabelNames.Framework, value);
    public static Label Language(string value) => new(LabelNames.Language, value);
    public static Label Host(string value) => new(LabelNames.Host, value);
    public static Label Thread(string value) => new(LabelNames.Thread, value);
}

/// <summary>The label names Allure gives meaning to (allure-js-commons <c>LabelName</c>).</summary>
public static class LabelNames
{
    public const string ParentSuite = "parentSuite";
    public const string Suite = "suite";
    public const string SubSuite = "subSuite";
    public const string Epic = "epic";
    public const string Feature = "feature";
    public const string Story = "story";
    public const string Severity = "severity";
    public const string Tag = "tag";
    public const string Owner = "owner";
    public const string Host = "host";
    public const string Thread = "thread";
    public const string TestMethod = "testMethod";
    public const string TestClass = "testClass";
    public const string Package = "package";
    public const string Framework = "framework";
    public const string Language = "language";
}

/// <summary>Allure's severities, most severe first.</summary>
public static class Severities
{
    public const string Blocker = "blocker";
    public const string Critical = "critical";
    public const string Normal = "normal";
    public const string Minor = "minor";
    public const string Trivial = "trivial";

    public static readonly IReadOnlyList<string> All = [Blocker, Critical, Normal, Minor, Trivial];
}
