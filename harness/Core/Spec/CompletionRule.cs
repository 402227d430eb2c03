namespace ConformanceKit.Spec;

/// <summary>checkCompletionExists of a dispatch entry.</summary>
public enum CompletionRule
{
    /// <summary>0: the call must come without an async completion (IOConnectCallMethod).</summary>
    Forbidden,
    /// <summary>Non-zero: the call must come with one (IOConnectCallAsyncMethod).</summary>
    Required,
    /// <summary>kIOUserClientVariableStructureSize (-1U): either is accepted.</summary>
    Any,
}
