namespace ConformanceKit.Fuzz.Triage;

/// <summary>What one run of an input shows (<see cref="Triager.Judge"/>).</summary>
public enum SeedVerdict
{
    /// <summary>Every rule holds.</summary>
    Holds,

    /// <summary>It breaks only rules the spec lists as known: the fuzz target does not crash on it.</summary>
    BreaksOnlyKnown,

    /// <summary>It breaks a rule the spec does not list as known: the fuzz target crashes on it.</summary>
    Breaks,
}
