namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// A constant under Apple's name, its value (a number, or the string of a string constant or an
/// exported symbol's name) and where the header defines it. <see cref="Evidence"/> is the text on
/// the cited line (or the three after it) that gives the value: the literal, or for an enum member
/// without one, its own name (the header check then evaluates the enum).
/// </summary>
public sealed record ConstantEntry(string Name, object Value, Citation At, string Evidence);
