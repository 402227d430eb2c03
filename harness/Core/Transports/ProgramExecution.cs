using ConformanceKit.Programs;

namespace ConformanceKit.Transports;

/// <summary>
/// What a <see cref="IProgramExecutor"/> needs to make the same operations as the runner: the program,
/// each open step's resolved connection type and access identifiers, and which of the runner's
/// optional operations it makes (<see cref="ProgramNeeds"/>).
/// </summary>
/// <param name="Opens">For each step index of an open step, its type and identifiers; null entries elsewhere.</param>
/// <param name="MaxScalarOutput">The runner clamps every call's scalar output capacity to this.</param>
/// <param name="SettleNs">How long the virtual clock runs before live objects are counted.</param>
public sealed record ProgramExecution(
    Program Program,
    string Service,
    IReadOnlyList<(uint Type, IReadOnlyList<string> Ids)?> Opens,
    uint MaxScalarOutput,
    ulong SettleNs,
    ProgramNeeds Needs);

/// <summary>The runner's operations beyond the steps' own, each made only when the runner makes it.</summary>
[Flags]
public enum ProgramNeeds : uint
{
    None = 0,
    /// <summary>A baseline of live objects after the boot, a count each time the last connection closes.</summary>
    LiveObjects = 1,
    /// <summary>The HID devices' events, after every step.</summary>
    Hid = 2,
    /// <summary>Device steps are driven, and the runtime's violations taken after them and after each close.</summary>
    Device = 4,
    /// <summary>Map steps map the dext's memory.</summary>
    Memory = 8,
    /// <summary>Peek steps read through a mapping.</summary>
    Peeks = 16,
    /// <summary>A last reset tears the program down (<see cref="ITearDown"/>).</summary>
    TearDown = 32,
}
