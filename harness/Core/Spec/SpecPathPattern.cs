namespace ConformanceKit.Spec;

/// <summary>
/// A path or glob the spec names (a <c>sources:</c> or <c>include:</c> entry, <c>build.entitlements</c>),
/// as written: relative to the spec's folder, resolved against the file system only when the dext is
/// built (harness/Core/Targets/DextLayout.cs), so that the error can still name this line.
/// </summary>
public sealed record SpecPathPattern(string Pattern, int Line);
