namespace ConformanceKit.Targets;

/// <summary>The dext cannot be found or built; the message is the one line the user sees.</summary>
public sealed class TargetException(string message) : Exception(message);
