namespace ConformanceKit.Programs;

/// <summary>
/// IOConnectMapMemory64 of memory type Type on a connection's slot into a mapping slot (m0..m3): the
/// dext's CopyClientMemoryForType runs. ReadOnly is the app asking for kIOMapReadOnly: then the
/// program cannot poke it (<see cref="ProgramValidity"/>). What the dext gave — length, its own
/// read-only option, or an error, which is not a finding — is the step's observation. The mapping
/// lasts until its connection closes; mapping a slot again replaces what the program knows of it.
/// </summary>
public sealed record MapStep(int Slot, int Map, uint Type, bool ReadOnly = false) : Step
{
    public const int MaxMaps = 4;
}

/// <summary>The app stores Bytes at Offset of a mapping: contents the dext reads when it next looks.</summary>
public sealed record PokeStep(int Map, ulong Offset, EquatableArray<byte> Bytes) : Step;

/// <summary>The app loads Length bytes at Offset of a mapping: an observation, shown when the program is replayed.</summary>
public sealed record PeekStep(int Map, ulong Offset, ulong Length) : Step;
