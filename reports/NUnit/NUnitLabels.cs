using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Model;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace ConformanceKit.Reports.NUnit;

/// <summary>
/// Labels of an NUnit test. A conformance-suite test is filed as parentSuite = dext, suite = rule id,
/// subSuite = selector, like fuzz findings and check results, so one dext's rule shows everything
/// that judged it in one place; any other test is filed by assembly, namespace and class, as
/// Allure's own NUnit adapter does.
/// </summary>
public static class NUnitLabels
{
    public static IReadOnlyList<Label> For(ITest test, string thread)
    {
        var labels = new List<Label>();
        var dext = NUnitProperties.Get(test, NUnitProperties.Dext);
        var rule = NUnitProperties.Get(test, NUnitProperties.Rule);
        var fixture = Fixture(test);
        var className = fixture?.ClassName ?? test.ClassName ?? "";
        var @namespace = className.Contains('.') ? className[..className.LastIndexOf('.')] : "";
        var shortClass = className.Contains('.') ? className[(className.LastIndexOf('.') + 1)..] : className;

        if (dext is not null && rule is not null)
        {
            labels.Add(Label.ParentSuite(dext));
            labels.Add(Label.Suite(rule));
            if (NUnitProperties.Get(test, NUnitProperties.Selector) is { } selector) labels.Add(Label.SubSuite(selector));
            labels.Add(Label.Feature(NUnitProperties.Get(test, NUnitProperties.Feature) ?? $"conformance: {RuleFacts.Family(rule)}"));
            labels.Add(Label.Story(NUnitProperties.Get(test, NUnitProperties.Story) ?? rule));
            labels.Add(Label.Severity(NUnitProperties.Get(test, NUnitProperties.Severity) ?? RuleFacts.Severity(rule)));
            labels.Add(Label.Tag("conformance"));
        }
        else
        {
            labels.Add(Label.ParentSuite(AssemblyName(test)));
            if (@namespace.Length > 0) labels.Add(Label.Suite(@namespace));
            labels.Add(Label.SubSuite(shortClass));
            labels.Add(Label.Feature(NUnitProperties.Get(test, NUnitProperties.Feature) ?? LastSegment(@namespace)));
            labels.Add(Label.Story(NUnitProperties.Get(test, NUnitProperties.Story) ?? shortClass));
            labels.Add(Label.Severity(NUnitProperties.Get(test, NUnitProperties.Severity) ?? Severities.Normal));
        }
        if (NUnitProperties.Get(test, NUnitProperties.Epic) is { } epic) labels.Add(new Label(LabelNames.Epic, epic));
        if ((NUnitProperties.Get(test, NUnitProperties.Owner) ?? NUnitProperties.Get(test, PropertyNames.Author)) is { } owner)
            labels.Add(new Label(LabelNames.Owner, owner));
        if (NUnitProperties.Get(test, NUnitProperties.Known) is { } known)
            labels.Add(Label.Tag(bool.TryParse(known, out var isKnown) && isKnown ? "known" : "new"));
        foreach (var category in NUnitProperties.All(test, PropertyNames.Category).Distinct()) labels.Add(Label.Tag(category));

        labels.Add(Label.Framework("NUnit"));
        labels.Add(Label.Language("C#"));
        labels.Add(Label.Host(RunContext.Host));
        labels.Add(Label.Thread(thread));
        if (@namespace.Length > 0) labels.Add(new Label(LabelNames.Package, @namespace));
        if (shortClass.Length > 0) labels.Add(new Label(LabelNames.TestClass, shortClass));
        if (test.MethodName is { } method) labels.Add(new Label(LabelNames.TestMethod, method));
        return labels;
    }

    /// <summary>The assembly, fixtures and method above the test, for Allure 3's title path.</summary>
    public static IReadOnlyList<string> TitlePath(ITest test)
    {
        var path = new List<string>();
        for (var node = test.Parent; node is not null; node = node.Parent)
            path.Insert(0, node is TestAssembly assembly ? AssemblyName(assembly) : node.Name);
        return path;
    }

    static string AssemblyName(ITest test)
    {
        for (var node = test; node is not null; node = node.Parent)
            if (node is TestAssembly assembly) return assembly.Assembly?.GetName().Name ?? assembly.Name;
        return test.TypeInfo?.Assembly.GetName().Name ?? "tests";
    }

    static ITest? Fixture(ITest test)
    {
        for (var node = test; node is not null; node = node.Parent)
            if (node is TestFixture) return node;
        return null;
    }

    static string LastSegment(string @namespace) => @namespace.Contains('.') ? @namespace[(@namespace.LastIndexOf('.') + 1)..] : @namespace;
}
