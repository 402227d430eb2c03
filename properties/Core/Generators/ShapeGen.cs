using ConformanceKit.IOKit;
using ConformanceKit.Spec;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Generators;

/// <summary>
/// Counts, sizes, selectors and data biased to where dispatch bugs live: the declared value and its
/// neighbours, IOKit's limits (16 scalars, 4096 in-band bytes) and their neighbours
/// (<see cref="IOKitBoundaries"/>), then anything.
/// </summary>
public static class ShapeGen
{
    public static Gen<uint> Count(ShapeSize declared)
    {
        var n = declared.Nominal;
        var boundaries = new[] { 0u, n == 0 ? 0 : n - 1, n, n + 1, (uint)IOKitLimits.MaxScalars, IOKitBoundaries.ScalarCountPastLimit }.Distinct().ToArray();
        return Gen.Frequency(
            (6, Gen.Elements(boundaries)),
            (2, Gen.Choose(0, 20).Select(v => (uint)v)));
    }

    public static Gen<uint> Size(ShapeSize declared)
    {
        var s = declared.Nominal;
        uint[] boundaries = [.. new[] { 0u, 1u, s == 0 ? 0 : s - 1, s, s + 1 }, .. IOKitBoundaries.AtInbandLimit, .. IOKitBoundaries.AroundSampleOversized, 65536u];
        return Gen.Frequency(
            (6, Gen.Elements(boundaries.Distinct().ToArray())),
            (2, Gen.Choose(0, 64).Select(v => (uint)v)),
            (1, Gen.Choose((int)IOKitBoundaries.FirstOutOfLineSize, (int)IOKitBoundaries.SampleOversizedStruct).Select(v => (uint)v)),
            (1, Gen.Choose(0, 2 * IOKitLimits.MaxInbandStruct).Select(v => (uint)v)));
    }

    /// <summary>Selectors just past the table, far out, and random, never one of the table's.</summary>
    public static Gen<uint> OutOfRangeSelector(DispatchSpec spec)
    {
        var limit = spec.SelectorLimit;
        var fixedChoices = new[] { limit, limit + 1, limit + 100, 0xFFFFFFFFu, 0x80000000u, 0x7FFFFFFFu, 0xFFFFu }
            .Where(s => spec.Find(s) is null).ToArray();
        return Gen.Frequency(
            (4, Gen.Elements(fixedChoices)),
            (1, Gen.Choose(0, int.MaxValue).Select(v => (uint)v).Where(s => spec.Find(s) is null)));
    }

    /// <summary>The data byte of <see cref="Programs.ProgramData"/>: zeros, all ones, values near the top, patterns.</summary>
    public static Gen<byte> Data() =>
        Gen.Frequency(
            (2, Gen.Elements<byte>(0, 0xFF, 0x80, 0xFE)),
            (3, Gen.Choose(1, 0x7F).Select(v => (byte)v)));
}
