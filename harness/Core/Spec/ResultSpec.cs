using System.Collections.Immutable;
using ConformanceKit.Spec.Expressions;

namespace ConformanceKit.Spec;

/// <summary>
/// What a well-shaped, accepted call returns, as expressions over its inputs.
/// ScalarEach is evaluated per output index i; StructU64 gives the output structure as
/// little-endian 64-bit words. Null parts are not checked.
/// </summary>
public sealed record ResultSpec(Expr? ScalarEach, ImmutableArray<Expr>? ScalarList, ImmutableArray<Expr>? StructU64);
