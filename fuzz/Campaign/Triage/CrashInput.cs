namespace ConformanceKit.Fuzz.Triage;

/// <summary>A crash or hang input afl-fuzz saved, after triage copied it into OUT/triage/inputs.</summary>
public sealed record CrashInput(string Instance, string Kind, string Original, string Saved);
