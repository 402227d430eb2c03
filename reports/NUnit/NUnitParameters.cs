using System.Globalization;
using ConformanceKit.Reports.Allure.Model;
using NUnit.Framework.Interfaces;

namespace ConformanceKit.Reports.NUnit;

/// <summary>
/// Parameters of an NUnit test: the suite's run settings from NUnit properties (transport, variant,
/// seed, cases) and, for other parameterized tests, the method's arguments by parameter name. A
/// conformance-suite test's arguments are left out: they repeat its labels and hold a machine's
/// absolute dext path, which would split its history between machines.
/// </summary>
public static class NUnitParameters
{
    const int MaxValueLength = 200;

    public static IReadOnlyList<Parameter> For(ITest test)
    {
        var parameters = new List<Parameter>();
        foreach (var (name, tracked) in NUnitProperties.Parameters)
            if (NUnitProperties.Get(test, name) is { } value)
                parameters.Add(tracked ? Parameter.Tracked(name, value) : Parameter.Informational(name, value));

        if (NUnitProperties.Get(test, NUnitProperties.Rule) is null && test.Method is { } method && test.Arguments.Length > 0)
        {
            var names = method.GetParameters().Select(p => p.ParameterInfo.Name ?? "arg").ToArray();
            for (var i = 0; i < test.Arguments.Length; i++)
                parameters.Add(Parameter.Tracked(i < names.Length ? names[i] : $"arg{i}", Format(test.Arguments[i])));
        }
        return parameters;
    }

    static string Format(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
            _ => value.ToString() ?? "",
        };
        return text.Length <= MaxValueLength ? text : text[..MaxValueLength] + "…";
    }
}
