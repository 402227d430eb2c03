namespace ConformanceKit.Programs;

/// <summary>
/// What makes a program runnable: connections are opened before use and not opened twice, memory is
/// mapped (on a connection still open) before the app pokes or peeks it and poked only when not
/// mapped read-only, and sizes stay within what the harness will allocate. The text parser, the byte
/// decoder and the shrinkers all keep programs valid by this one definition.
/// </summary>
public static class ProgramValidity
{
    public const int MaxScalarInputs = 64;
    public const ulong MaxStructBytes = 1 << 24;
    public const ulong MaxScalarOutputCapacity = 64;
    /// <summary>The most bytes one peek reads (its observation is shown in full).</summary>
    public const ulong MaxPeekBytes = 1 << 16;

    public sealed record Problem(int StepIndex, string Message);

    public static bool IsValid(Program program) => FirstProblem(program) is null;

    public static Problem? FirstProblem(Program program)
    {
        var state = new State();
        for (var index = 0; index < program.Steps.Count; index++)
        {
            var problem = Check(program.Steps[index], state);
            if (problem is not null) return new Problem(index, problem);
        }
        return null;
    }

    /// <summary>Which slots are open, and for each mapping slot the connection it was mapped on (-1: none).</summary>
    sealed class State
    {
        public readonly bool[] Open = new bool[Step.MaxSlots];
        public readonly int[] MapOwner = [-1, -1, -1, -1];
        public readonly bool[] MapReadOnly = new bool[MapStep.MaxMaps];
    }

    static string? Check(Step step, State state)
    {
        var open = state.Open;
        switch (step)
        {
            case OpenStep o:
                if (!InRange(o.Slot)) return $"connection c{o.Slot} does not exist (c0..c{Step.MaxSlots - 1})";
                if (open[o.Slot]) return $"c{o.Slot} is already open";
                if (o.Access is ClientAccess.Listed listed && listed.Identifiers.FirstOrDefault(id => !IsIdentifier(id)) is { } bad)
                    return $"'{bad}' is not a bundle identifier";
                open[o.Slot] = true;
                return null;
            case CloseStep c:
                if (!InRange(c.Slot) || !open[c.Slot]) return $"c{c.Slot} is not open";
                open[c.Slot] = false;
                // The app's mappings of a connection go with it.
                for (var m = 0; m < MapStep.MaxMaps; m++)
                    if (state.MapOwner[m] == c.Slot) state.MapOwner[m] = -1;
                return null;
            case CallStep call:
                if (!InRange(call.Slot) || !open[call.Slot]) return $"c{call.Slot} is not open";
                if (call.ScalarInput.Count > MaxScalarInputs) return $"{call.ScalarInput.Count} input scalars; the harness passes at most {MaxScalarInputs}";
                if ((ulong)call.StructInput.Count > MaxStructBytes) return $"structure input of {call.StructInput.Count} bytes is over {MaxStructBytes}";
                if (call.ScalarOutputCapacity > MaxScalarOutputCapacity) return $"scalar_out={call.ScalarOutputCapacity} is over {MaxScalarOutputCapacity}";
                if (call.StructOutputCapacity > MaxStructBytes) return $"struct_out={call.StructOutputCapacity} is over {MaxStructBytes}";
                return null;
            case WaitStep:
                return null;
            case MapStep map:
                if (!InRange(map.Slot) || !open[map.Slot]) return $"c{map.Slot} is not open";
                if (!IsMap(map.Map)) return $"mapping m{map.Map} does not exist (m0..m{MapStep.MaxMaps - 1})";
                state.MapOwner[map.Map] = map.Slot;
                state.MapReadOnly[map.Map] = map.ReadOnly;
                return null;
            case PokeStep poke:
                if (!IsMap(poke.Map) || state.MapOwner[poke.Map] < 0) return $"m{poke.Map} is not mapped";
                if (state.MapReadOnly[poke.Map]) return $"m{poke.Map} is mapped readonly: the app cannot write it";
                if ((ulong)poke.Bytes.Count > MaxStructBytes) return $"a poke of {poke.Bytes.Count} bytes is over {MaxStructBytes}";
                return null;
            case PeekStep peek:
                if (!IsMap(peek.Map) || state.MapOwner[peek.Map] < 0) return $"m{peek.Map} is not mapped";
                if (peek.Length > MaxPeekBytes) return $"len={peek.Length} is over {MaxPeekBytes}";
                return null;
            case DeviceDataStep data:
                return data.Bytes.Count > DeviceDataStep.MaxBytes ? $"device-data of {data.Bytes.Count} bytes is over {DeviceDataStep.MaxBytes}" : null;
            case UnplugStep:
                return null;
            case InterruptStep interrupt:
                return interrupt.Index > InterruptStep.MaxIndex ? $"interrupt {interrupt.Index} is over {InterruptStep.MaxIndex}" : null;
            default:
                return "unknown step";
        }
    }

    static bool InRange(int slot) => slot is >= 0 and < Step.MaxSlots;

    static bool IsMap(int map) => map is >= 0 and < MapStep.MaxMaps;

    static bool IsIdentifier(string id) =>
        id.Length > 0 && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_');
}
