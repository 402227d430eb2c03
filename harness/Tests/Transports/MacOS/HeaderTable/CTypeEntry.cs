namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// How a C type crosses into C#: the managed type's C# name (or "string" for a UTF-8 C string,
/// "ulong[8]" for a fixed array) and the typedef chain that justifies it, with the lines it runs
/// through (empty for C's own fixed-width types on LP64).
/// </summary>
public sealed record CTypeEntry(string CType, string Managed, string Chain, IReadOnlyList<Citation> At);
