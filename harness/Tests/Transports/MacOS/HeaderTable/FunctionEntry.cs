namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// A C function as its header declares it: return type and parameter types exactly as written
/// (without names, nullability or availability macros, one space before each '*'), and where.
/// The P/Invoke declaration named <see cref="Name"/> must bind <see cref="Library"/> and map those
/// types through <see cref="CTypeTable"/>.
/// </summary>
public sealed record FunctionEntry(string Name, string Library, string CReturn, IReadOnlyList<string> CParameters, Citation At);
