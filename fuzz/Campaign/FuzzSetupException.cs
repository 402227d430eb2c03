namespace ConformanceKit.Fuzz;

/// <summary>A campaign cannot start (missing tool, failed build, bad output folder); the message is one line.</summary>
public sealed class FuzzSetupException(string message, Exception? inner = null) : Exception(message, inner);
