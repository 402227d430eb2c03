namespace ConformanceKit.Programs;

/// <summary>One step of a <see cref="Program"/>. Connections are named by slot: c0..c3.</summary>
public abstract record Step
{
    public const int MaxSlots = 4;
}

/// <summary>IOServiceOpen of the spec's service into a slot, with the client's entitlements.</summary>
public sealed record OpenStep(int Slot, ClientAccess Access, uint Type = 0) : Step;

/// <summary>IOServiceClose of a slot's connection.</summary>
public sealed record CloseStep(int Slot) : Step;

/// <summary>Lets time pass (the virtual clock, or a real wait) and collects the completions that arrive.</summary>
public sealed record WaitStep(ulong Nanoseconds) : Step;

/// <summary>
/// IOConnectCallMethod, or IOConnectCallAsyncMethod when Async is set (the call then carries a
/// completion whose refcon is Async.Refcon). Capacities are what the app passes for outputs.
/// </summary>
public sealed record CallStep(
    int Slot,
    uint Selector,
    EquatableArray<ulong> ScalarInput,
    EquatableArray<byte> StructInput,
    uint ScalarOutputCapacity,
    ulong StructOutputCapacity,
    AsyncReference? Async) : Step
{
    public bool HasCompletion => Async is not null;
}

/// <summary>The async reference of a call: the callback and refcon its completions come back with.</summary>
public sealed record AsyncReference(ulong Refcon)
{
    /// <summary>The value standing for the app's callback function (reference[kIOAsyncCalloutFuncIndex]).</summary>
    public static ulong CallbackFor(int slot) => 0xCA11BAC000UL + (ulong)slot;
}
