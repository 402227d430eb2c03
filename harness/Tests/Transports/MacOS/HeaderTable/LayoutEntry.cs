namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// A C struct (or message layout) and the managed type that mirrors it: total size and each field's
/// offset and C type. <see cref="At"/> is the line of the first field.
/// </summary>
public sealed record LayoutEntry(string CName, Type Managed, int Size, IReadOnlyList<FieldEntry> Fields, Citation At);

/// <summary>One field: Apple's name, its C type as declared (null where the entry is a composed layout), its offset.</summary>
public sealed record FieldEntry(string Name, string? CType, int Offset);
