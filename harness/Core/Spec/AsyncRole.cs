namespace ConformanceKit.Spec;

/// <summary>What a selector does in the async protocol (rule async.register-before-request).</summary>
public enum AsyncRole
{
    None,
    /// <summary>Stores the call's completion as the callback later completions are sent to.</summary>
    RegisterCallback,
    /// <summary>Asks for async work; refused until a callback is registered.</summary>
    Request,
}
