using System.Globalization;
using ConformanceKit.Contracts.Check;
using ConformanceKit.Reports.Export.Check;
using ConformanceKit.Reports.Export.Common;

namespace ConformanceKit.Reports.Export.Charts;

/// <summary>
/// A `conformancekit check` at a glance: per rule, per selector row, how many programs were generated
/// and run (light bar) and how many of them the dext served at least one step of (solid bar), coloured
/// by the row's verdict — held green, failed red, not applicable grey. A rule that held on programs
/// that never reached the dext held on nothing; this is where that shows. Files written before check
/// counted reached programs show the programs only, and say the rest is not recorded.
/// </summary>
public static class CheckReachChart
{
    public const string AttachmentName = "programs that reached the dext — per rule and selector";
    public const string NotRecorded = "not recorded";

    public static readonly (string Solid, string Light) Held = ("#2e7d32", "#a5d6a7");
    public static readonly (string Solid, string Light) Failed = ("#c62828", "#ef9a9a");
    public static readonly (string Solid, string Light) NotApplicable = ("#757575", "#d6d6d6");

    public static (string Solid, string Light) Colors(RuleStatus status) => status switch
    {
        RuleStatus.Held => Held,
        RuleStatus.Failed => Failed,
        _ => NotApplicable,
    };

    public static string StatusWord(RuleStatus status) => status switch
    {
        RuleStatus.Held => "held",
        RuleStatus.Failed => "failed",
        RuleStatus.NotJudged => "not judged",
        _ => "n/a",
    };

    public static string For(CheckFile check)
    {
        var sections = check.Rules.Select(rule => new BarSection(
            $"{rule.Id} — {StatusWord(rule.Status)}", Colors(rule.Status).Solid,
            rule.Selectors.Select(Row).ToArray())).ToArray();
        var recorded = check.Rules.SelectMany(r => r.Selectors).All(r => r.Reached is not null);
        var subtitle = $"seed {Invariant(check.Seed)}, {Invariant(check.Cases)} cases, {check.Transport} transport, {check.Variant} build" +
                       (recorded ? "" : $" · reached the dext: {NotRecorded} in this file (written before check counted it)");
        LegendSwatch[] legend =
        [
            new("programs run (light)", "#e0e0e0", "#9e9e9e"),
            new("reached the dext (solid)", "#616161"),
            new("held", Held.Solid),
            new("failed", Failed.Solid),
            new("not applicable", NotApplicable.Solid),
        ];
        return SvgBarChart.Horizontal($"{check.Dext} check: programs that reached the dext, per rule and selector", subtitle,
            "programs (generated and run, shrinking included)", sections, legend);
    }

    static BarRow Row(CheckFile.RowEntry row)
    {
        var (solid, light) = Colors(row.Status);
        var label = row.Selector is { } s ? SelectorLabel.Of(s, row.Name) : "any selector";
        var programs = row.Status is RuleStatus.NotApplicable or RuleStatus.NotJudged && row.Programs == 0
            ? $"0 run — {StatusWord(row.Status)}{(row.Note is { Length: > 0 } note ? ": " + Shorten(note, 40) : "")}"
            : $"{Invariant(row.Programs)} run";
        return new BarRow(label,
        [
            new Bar("programs", row.Programs, light, programs),
            row.Reached is { } reached
                ? new Bar("reached", reached, solid, ReachedCaption(row.Programs, reached, row.Calls))
                : new Bar("reached", null, solid, $"reached: {NotRecorded}"),
        ]);
    }

    /// <summary>"151 reached (100%) · 412 calls".</summary>
    public static string ReachedCaption(int programs, int reached, long? calls)
    {
        var share = programs > 0 ? $" ({Percent(reached, programs)})" : "";
        return $"{Invariant(reached)} reached{share}{(calls is { } c ? $" · {Invariant(c)} calls" : "")}";
    }

    /// <summary>A share rounded down, so that 1,999 of 2,000 is not "100%".</summary>
    public static string Percent(long part, long whole) =>
        whole > 0 ? (part >= whole ? 100.0 * part / whole : Math.Floor(1000.0 * part / whole) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    static string Invariant(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
