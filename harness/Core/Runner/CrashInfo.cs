namespace ConformanceKit.Runner;

/// <summary>The dext died or hung at a step; Report is the sanitizer report or the host's stderr.</summary>
public sealed record CrashInfo(int StepIndex, bool Hang, string Summary, string Report);
