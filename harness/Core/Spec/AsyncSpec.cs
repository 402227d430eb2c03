using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Spec.Expressions;

namespace ConformanceKit.Spec;

/// <summary>
/// The async protocol: what every completion-owing call delivers to the registered callback, when,
/// and how a request before registration must be refused.
/// Args are expressions over the owing call's inputs (in.scalar[k], in.u64[k]).
/// </summary>
public sealed record AsyncSpec(
    ulong DelayNs,
    ulong LeewayNs,
    IOReturn Status,
    ImmutableArray<Expr> Args,
    ImmutableArray<IOReturn> RefusedBeforeRegister)
{
    /// <summary>
    /// The device's interrupts and data send completions to the registered callback besides those the
    /// requests owe (spec key deviceEvents:): a completion that arrives during a device step and that
    /// no request is owed is the device's event, not an unexpected completion.
    /// </summary>
    public bool DeviceEvents { get; init; }
}
