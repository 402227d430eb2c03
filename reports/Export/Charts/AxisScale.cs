using System.Globalization;

namespace ConformanceKit.Reports.Export.Charts;

/// <summary>
/// A linear axis from zero (or below, when a value is negative) to a "nice" maximum, ticked at
/// 1, 2, 2.5 or 5 times a power of ten, with tick labels a reader takes in at a glance ("2,500",
/// "40k", "1.5M", "0.25").
/// </summary>
public sealed record AxisScale(double Min, double Max, double Step)
{
    /// <summary>
    /// An axis covering <paramref name="low"/>..<paramref name="high"/> with about <paramref name="ticks"/>
    /// intervals; <paramref name="counts"/> keeps the step whole (no tick at 0.5 crashes); <paramref name="tight"/>
    /// ends the axis at <paramref name="high"/> itself rather than at the next tick (a time axis ends when the campaign did).
    /// </summary>
    public static AxisScale For(double low, double high, int ticks = 4, bool counts = false, bool tight = false)
    {
        low = double.IsFinite(low) ? Math.Min(0, low) : 0;
        high = double.IsFinite(high) ? Math.Max(high, low) : low;
        if (high - low < 1e-9) high = low + 1;
        var step = NiceStep((high - low) / Math.Max(1, ticks));
        if (counts) step = Math.Max(1, Math.Round(step) == step ? step : Math.Ceiling(step));
        var min = Math.Floor(low / step) * step;
        var max = tight ? high : Math.Ceiling(high / step - 1e-9) * step;
        return new AxisScale(min, max, step);
    }

    static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var factor in new[] { 1, 2, 2.5, 5, 10 })
            if (rough <= factor * power + 1e-12) return factor * power;
        return 10 * power;
    }

    public IReadOnlyList<double> Ticks
    {
        get
        {
            var ticks = new List<double>();
            var count = (int)Math.Floor((Max - Min) / Step + 1e-9);
            for (var i = 0; i <= count; i++) ticks.Add(Min + i * Step);
            return ticks;
        }
    }

    /// <summary>Where <paramref name="value"/> falls between <paramref name="from"/> (at Min) and <paramref name="to"/> (at Max).</summary>
    public double Map(double value, double from, double to) =>
        from + (Math.Clamp(value, Min, Max) - Min) / (Max - Min) * (to - from);

    public string Label(double value) => Format(value, Step);

    /// <summary>A value as a tick or legend shows it: thousands separated, large values as k/M, fractions only when the step has them.</summary>
    public static string Format(double value, double step = 1)
    {
        var magnitude = Math.Abs(value);
        if (magnitude >= 1_000_000 && step >= 100_000) return Short(value / 1_000_000) + "M";
        if (magnitude >= 10_000 && step >= 1_000) return Short(value / 1_000) + "k";
        var decimals = Decimals(step);
        return Math.Round(value, decimals).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Decimals that show every multiple of <paramref name="step"/> exactly (2.5 → 1, 0.25 → 2), at most 3.</summary>
    static int Decimals(double step)
    {
        for (var decimals = 0; decimals < 3; decimals++)
        {
            var scaled = step * Math.Pow(10, decimals);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-9) return decimals;
        }
        return 3;
    }

    static string Short(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
