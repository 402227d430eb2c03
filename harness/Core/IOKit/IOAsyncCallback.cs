namespace ConformanceKit.IOKit;

/// <summary>IOAsyncCallback: (refcon, result, args, numArgs) as IOKitLib calls an app's async callback.</summary>
public delegate void IOAsyncCallback(ulong refcon, IOReturn result, ReadOnlySpan<ulong> args);
