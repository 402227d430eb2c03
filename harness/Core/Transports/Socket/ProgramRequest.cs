using ConformanceKit.Programs;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// Writes a <see cref="ProgramExecution"/> as dexthost's RunProgram request (protocol 7; PROTOCOL.md
/// "RunProgram"; the numbers are dext/host/src/ProgramFormat.h's, which tests/Repository/Seams holds
/// equal). Each call carries the scalar output capacity and async reference the runner passes, so
/// the host makes byte for byte the request the runner would.
/// </summary>
internal static class ProgramRequest
{
    /// <summary>ProgramFormat.h kMaxProgramSteps.</summary>
    public const int MaxSteps = 1 << 16;

    /// <summary>Completions, HID events and runtime violations are taken in batches of these, as live.</summary>
    /// <param name="deviceDescription">What the transport sends after every reset (UTF-8), or null.</param>
    public static bool TryWrite(FrameWriter request, ProgramExecution execution, uint completionBatch, uint hidBatch, byte[]? deviceDescription)
    {
        var steps = execution.Program.Steps;
        if (steps.Count > MaxSteps || !Fits(execution) || deviceDescription?.Length > HostLimits.MaxDeviceBytes) return false;
        request.Start(HostOp.RunProgram).U32((uint)execution.Needs).U32(completionBatch).U32(hidBatch)
            .U32(HostLimits.MaxViolations).U64(execution.SettleNs).String(execution.Service)
            .U32(deviceDescription is null ? 0u : 1u).Bytes(deviceDescription ?? []).U32((uint)steps.Count);
        Span<ulong> reference = stackalloc ulong[IOKit.IOKitLimits.AsyncReferenceCount];
        for (var index = 0; index < steps.Count; index++)
        {
            switch (steps[index])
            {
                case OpenStep open:
                    var (type, ids) = execution.Opens[index] ?? throw new ArgumentException($"step {index + 1} opens without a resolved type");
                    request.U32((uint)ProgramStep.Open).U32((uint)open.Slot).U32(type).U32((uint)ids.Count);
                    foreach (var id in ids) request.String(id);
                    break;
                case CloseStep close:
                    request.U32((uint)ProgramStep.Close).U32((uint)close.Slot);
                    break;
                case CallStep call:
                    request.U32((uint)ProgramStep.Call).U32((uint)call.Slot).U32(call.Selector);
                    if (call.Async is { } async)
                    {
                        // ProgramRunner's reference: the callback and refcon at their kIOAsync indexes, the rest 0.
                        reference.Clear();
                        reference[1] = AsyncReference.CallbackFor(call.Slot);
                        reference[2] = async.Refcon;
                        request.Scalars(reference);
                    }
                    else
                    {
                        request.U32(0);
                    }
                    request.Scalars(call.ScalarInput.AsSpan()).Bytes(call.StructInput.AsSpan())
                        .U32(Math.Min(call.ScalarOutputCapacity, execution.MaxScalarOutput)).U64(call.StructOutputCapacity);
                    break;
                case WaitStep wait:
                    request.U32((uint)ProgramStep.Wait).U64(wait.Nanoseconds);
                    break;
                case MapStep map:
                    request.U32((uint)ProgramStep.Map).U32((uint)map.Slot).U32((uint)map.Map).U32(map.Type);
                    break;
                case PokeStep poke:
                    request.U32((uint)ProgramStep.Poke).U32((uint)poke.Map).U64(poke.Offset).Bytes(poke.Bytes.AsSpan());
                    break;
                case PeekStep peek:
                    request.U32((uint)ProgramStep.Peek).U32((uint)peek.Map).U64(peek.Offset).U64(peek.Length);
                    break;
                case DeviceDataStep data:
                    request.U32((uint)ProgramStep.DeviceData).Bytes(data.Bytes.AsSpan());
                    break;
                case UnplugStep:
                    request.U32((uint)ProgramStep.Unplug);
                    break;
                case InterruptStep interrupt:
                    request.U32((uint)ProgramStep.Interrupt).U32(interrupt.Index);
                    break;
                default:
                    return false; // a step this executor does not know: the runner makes it itself
            }
        }
        return request.Length <= HostLimits.MaxRequestFrame;
    }

    /// <summary>
    /// Whether every step stays within what dexthost takes (HostLimits). A step beyond them is what the
    /// live transport refuses with an ArgumentException, so such a program runs step by step and fails
    /// there, with that message.
    /// </summary>
    static bool Fits(ProgramExecution execution)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(execution.Service) > HostLimits.MaxStringBytes) return false;
        var steps = execution.Program.Steps;
        for (var index = 0; index < steps.Count; index++)
        {
            var fits = steps[index] switch
            {
                OpenStep => execution.Opens[index] is { } open && open.Ids.Count <= HostLimits.MaxAccessIds &&
                            open.Ids.All(id => System.Text.Encoding.UTF8.GetByteCount(id) <= HostLimits.MaxStringBytes),
                CallStep call => call.ScalarInput.Count <= HostLimits.MaxScalars && call.StructInput.Count <= HostLimits.MaxStructBytes &&
                                 call.StructOutputCapacity <= HostLimits.MaxStructBytes &&
                                 Math.Min(call.ScalarOutputCapacity, execution.MaxScalarOutput) <= HostLimits.MaxScalars,
                PokeStep poke => poke.Bytes.Count <= HostLimits.MaxStructBytes,
                PeekStep peek => peek.Length <= HostLimits.MaxStructBytes,
                DeviceDataStep data => data.Bytes.Count <= HostLimits.MaxDeviceBytes,
                _ => true,
            };
            if (!fits) return false;
        }
        return true;
    }
}

/// <summary>A step's kind in a RunProgram request (ProgramFormat.h ProgramStep).</summary>
internal enum ProgramStep : uint
{
    Open = 1,
    Close = 2,
    Call = 3,
    Wait = 4,
    Map = 5,
    Poke = 6,
    Peek = 7,
    DeviceData = 8,
    Unplug = 9,
    Interrupt = 10,
}

/// <summary>The first field of a RunProgram answer (ProgramFormat.h kProgramIncomplete...).</summary>
internal enum ProgramOutcome : uint
{
    /// <summary>The boot failed or the record outgrew one answer: run the program one operation at a time.</summary>
    Incomplete = 0,
    Complete = 1,
    /// <summary>The records up to the operation that crashed the dext; the host has ended.</summary>
    Crashed = 2,
}
