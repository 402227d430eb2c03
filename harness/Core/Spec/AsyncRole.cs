namespace ConformanceKit.Spec;

/// <summary>What a selector does in the async protocol (rule async.register-before-request).</summary>
public enum AsyncRole
{
    None,
    /// <summary>Stores the call's completion as the callback later completions are sent to.</summary>
    RegisterCallback,
    /// <summary>Asks for async work; refused until a callback is registered.</summary>
    Request,
    /// <summary>
    /// Completes its own call, once, whenever the dext gets to it — when the device answers, after a
    /// timer — through the call's own async reference, with no callback registered first (USB reads,
    /// most vendor dexts). No deadline is judged (a device may never answer), only that no call gets a
    /// second completion and nothing arrives that no call asked for.
    /// </summary>
    Own,
}
