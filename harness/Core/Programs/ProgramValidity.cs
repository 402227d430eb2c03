namespace ConformanceKit.Programs;

/// <summary>
/// What makes a program runnable: connections are opened before use and not opened twice, and
/// sizes stay within what the harness will allocate. The text parser, the byte decoder and the
/// shrinkers all keep programs valid by this one definition.
/// </summary>
public static class ProgramValidity
{
    public const int MaxScalarInputs = 64;
    public const ulong MaxStructBytes = 1 << 24;
    public const ulong MaxScalarOutputCapacity = 64;

    public sealed record Problem(int StepIndex, string Message);

    public static bool IsValid(Program program) => FirstProblem(program) is null;

    public static Problem? FirstProblem(Program program)
    {
        Span<bool> open = stackalloc bool[Step.MaxSlots];
        for (var index = 0; index < program.Steps.Count; index++)
        {
            var problem = Check(program.Steps[index], open);
            if (problem is not null) return new Problem(index, problem);
        }
        return null;
    }

    static string? Check(Step step, Span<bool> open)
    {
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
            default:
                return "unknown step";
        }
    }

    static bool InRange(int slot) => slot is >= 0 and < Step.MaxSlots;

    static bool IsIdentifier(string id) =>
        id.Length > 0 && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_');
}
