using System.CommandLine;
using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Export.Check;
using ConformanceKit.Reports.Export.Common;
using ConformanceKit.Reports.Export.Fuzz;

namespace ConformanceKit.Reports.Tool;

/// <summary>
/// <c>ck-report --results DIR [--fuzz OUT]... [--check JSON]...</c>: writes Allure results for fuzz
/// campaign folders and `conformancekit check --json` files into DIR (which may already hold the test
/// suites' results), then reports/generate-report.sh renders DIR. Exit 0 when exported (findings are
/// content, not an error), 2 on bad usage or an input it cannot read.
/// </summary>
public static class ReportTool
{
    public const int Ok = 0;
    public const int UsageOrSetup = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var results = new Option<string>("--results") { Description = "Allure results directory to write into (created if missing)", Required = true };
        var fuzz = new Option<string[]>("--fuzz") { Description = "fuzz campaign output folder (campaign.json, findings/); repeatable", Arity = ArgumentArity.ZeroOrMore };
        var check = new Option<string[]>("--check") { Description = "a `conformancekit check --json` file; repeatable", Arity = ArgumentArity.ZeroOrMore };
        var root = new RootCommand("Export ConformanceKit fuzz findings and check results as Allure results.\n\nExit codes: 0 exported, 2 usage error or unreadable input.")
        {
            results, fuzz, check,
        };
        root.SetAction(parse => Export(parse.GetValue(results)!, parse.GetValue(fuzz) ?? [], parse.GetValue(check) ?? [], output));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"ck-report: error: {parse.Errors[0].Message}");
            return UsageOrSetup;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (ExportException e)
        {
            error.WriteLine($"ck-report: error: {e.Message}");
            return UsageOrSetup;
        }
    }

    static int Export(string resultsPath, string[] fuzzFolders, string[] checkFiles, TextWriter output)
    {
        var results = ConformanceResults.Open(resultsPath);
        var summary = ExportSummary.None;
        var fuzz = new FuzzExporter(results);
        foreach (var folder in fuzzFolders)
        {
            var exported = fuzz.Export(folder);
            output.WriteLine($"fuzz  {folder}: {exported.Results} results ({exported.Failed} findings)");
            summary += exported;
        }
        var checks = new CheckExporter(results);
        foreach (var file in checkFiles)
        {
            var exported = checks.Export(file);
            output.WriteLine($"check {file}: {exported.Results} results ({exported.Failed} failed)");
            summary += exported;
        }
        output.WriteLine($"wrote {summary.Results} Allure results to {results.Path}");
        return Ok;
    }
}
