namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// A C function-pointer type the transport implements with [UnmanagedCallersOnly] methods
/// ("Class.Method"), whose signatures must map from the header's through <see cref="CTypeTable"/>.
/// </summary>
public sealed record CallbackEntry(string CType, string CReturn, IReadOnlyList<string> CParameters, Citation At, IReadOnlyList<string> Implementations);
