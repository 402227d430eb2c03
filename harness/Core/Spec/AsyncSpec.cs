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
    ImmutableArray<IOReturn> RefusedBeforeRegister);
