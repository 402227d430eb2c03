using ConformanceKit.IOKit;

namespace ConformanceKit.Spec;

/// <summary>
/// The per-connection limits a dext documents (spec key <c>limits:</c>), so that a call past one is held to
/// the documented refusal instead of being reported: a connection may have at most
/// <see cref="PendingCompletions"/> completions owed at once (requests' and a completing register's), and a
/// well-shaped call that would owe one more gets <see cref="Beyond"/> — below the limit, that refusal is a
/// finding like any other error, and so is an accepted call beyond it.
/// </summary>
public sealed record LimitsSpec(uint PendingCompletions, IOReturn Beyond);
