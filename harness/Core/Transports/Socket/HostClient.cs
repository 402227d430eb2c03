using ConformanceKit.IOKit;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// The dksim functions the harness uses, as dexthost requests (PROTOCOL.md): the same arguments and
/// results as the C ABI, with the out-parameters as return values. No supervision here; see
/// <see cref="HostSession"/> and <see cref="SocketTransport"/>.
/// </summary>
internal sealed class HostClient(HostSession session)
{
    const int CompletionArgs = 16;
    readonly FrameWriter _request = new();
    readonly ProgramReplay _replay = new();

    /// <summary>
    /// dexthost's RunProgram: the whole program made in the host, its records kept for the replay.
    /// Incomplete also when it cannot be sent (larger than a request).
    /// </summary>
    public ProgramOutcome RunProgram(ProgramExecution execution, uint completionBatch, uint hidBatch, byte[]? deviceDescription)
    {
        if (!ProgramRequest.TryWrite(_request, execution, completionBatch, hidBatch, deviceDescription)) return ProgramOutcome.Incomplete;
        var response = session.Exchange(_request);
        var outcome = (ProgramOutcome)response.U32();
        var records = response.U32();
        _replay.Load(records, response.Bytes(response.Remaining));
        if (outcome == ProgramOutcome.Crashed) _replay.EndWith(session.EndedByCrash());
        return outcome;
    }

    /// <summary>From now until <see cref="EndReplay"/>, requests are answered from the last program's records.</summary>
    public void StartReplay() => _replay.Start();

    public void EndReplay() => _replay.Stop();

    /// <summary>One request's answer: from the host, or from the program's records while a replay runs.</summary>
    ResponseReader Exchange(FrameWriter request) => _replay.IsActive ? _replay.Answer(request) : session.Exchange(request);

    /// <summary>
    /// The dksim ABI and the wire protocol the host speaks. A host from before protocol 3 answers the
    /// ABI alone: its protocol reads as 0, older than any this harness speaks.
    /// </summary>
    public (uint Abi, uint Protocol) Versions()
    {
        var response = Exchange(_request.Start(HostOp.AbiVersion));
        var abi = response.U32();
        var protocol = response.AtEnd ? 0u : response.U32();
        response.End();
        return (abi, protocol);
    }

    public string DextIdentifier() => Text(_request.Start(HostOp.DextIdentifier));

    public string LastError() => Text(_request.Start(HostOp.LastError));

    public int Boot() => StatusOnly(_request.Start(HostOp.Boot));

    public int Reset() => StatusOnly(_request.Start(HostOp.Reset));

    /// <summary>A program's teardown: a Reset — while a replay runs, its last record; null when it had none.</summary>
    public int? TearDown() => _replay.IsActive && !_replay.SkipToLast() ? null : Reset();

    public int SetClockMode(int mode) => StatusOnly(_request.Start(HostOp.SetClockMode).I32(mode));

    public int ClockAdvance(ulong nanoseconds) => StatusOnly(_request.Start(HostOp.ClockAdvance).U64(nanoseconds));

    public ulong ClockNow()
    {
        var response = Exchange(_request.Start(HostOp.ClockNow));
        var now = response.U64();
        response.End();
        return now;
    }

    public int CountMatching(string serviceName, out uint count)
    {
        var response = Exchange(_request.Start(HostOp.CountMatching).String(serviceName));
        count = response.U32();
        response.End();
        return response.Status;
    }

    public int Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection)
    {
        if (accessIds.Count > HostLimits.MaxAccessIds)
            throw new ArgumentException($"{accessIds.Count} access identifiers; dexthost takes at most {HostLimits.MaxAccessIds}");
        _request.Start(HostOp.Open).String(serviceName).U32(type).U32((uint)accessIds.Count);
        foreach (var id in accessIds) _request.String(id);
        var response = Exchange(_request);
        connection = response.U64();
        response.End();
        return response.Status;
    }

    public int Close(ulong connection) => StatusOnly(_request.Start(HostOp.Close).U64(connection));

    /// <summary>dksim_call_method, or dksim_call_async_method when reference is not empty.</summary>
    public CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> reference,
        ReadOnlySpan<ulong> scalarInput, ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
    {
        Require(reference.Length <= HostLimits.MaxAsyncReference, $"an async reference of {reference.Length} entries (at most {HostLimits.MaxAsyncReference})");
        Require(scalarInput.Length <= HostLimits.MaxScalars, $"{scalarInput.Length} input scalars (at most {HostLimits.MaxScalars})");
        Require(scalarOutput.Length <= HostLimits.MaxScalars, $"a scalar output capacity of {scalarOutput.Length} (at most {HostLimits.MaxScalars})");
        Require(structInput.Length <= HostLimits.MaxStructBytes, $"a struct input of {structInput.Length} bytes (at most {HostLimits.MaxStructBytes})");
        Require(structOutput.Length <= HostLimits.MaxStructBytes, $"a struct output capacity of {structOutput.Length} bytes (at most {HostLimits.MaxStructBytes})");

        _request.Start(reference.IsEmpty ? HostOp.CallMethod : HostOp.CallAsyncMethod).U64(connection).U32(selector);
        if (!reference.IsEmpty) _request.Scalars(reference);
        _request.Scalars(scalarInput).Bytes(structInput).U32((uint)scalarOutput.Length).U64((ulong)structOutput.Length);

        var response = Exchange(_request);
        var scalarCount = response.U32();
        for (var k = 0; k < Math.Min(scalarCount, (uint)scalarOutput.Length); k++) scalarOutput[k] = response.U64();
        var structSize = response.U64();
        response.Bytes((int)Math.Min(structSize, (ulong)structOutput.Length)).CopyTo(structOutput);
        response.End();
        return new CallResult(new IOReturn((uint)response.Status), scalarCount, structSize);
    }

    /// <summary>Takes up to capacity completions into sink; returns dksim's status and how many came.</summary>
    public int TakeCompletions(ulong connection, uint capacity, List<AsyncCompletion> sink, out uint count)
    {
        var response = Exchange(_request.Start(HostOp.TakeCompletions).U64(connection).U32(capacity));
        count = response.U32();
        for (var k = 0; k < count; k++)
        {
            var callback = response.U64();
            var refcon = response.U64();
            var status = response.I32();
            var argCount = response.U32();
            var args = new ulong[Math.Min(argCount, CompletionArgs)];
            for (var a = 0; a < CompletionArgs; a++)
            {
                var value = response.U64();
                if (a < args.Length) args[a] = value;
            }
            sink.Add(new AsyncCompletion(callback, refcon, new IOReturn((uint)status), args, response.U64()));
        }
        response.End();
        return response.Status;
    }

    /// <summary>
    /// Takes up to capacity device starts and up to capacity reports of the dext's HID devices into
    /// sink (TakeHidEvents, protocol 2); returns whether either batch came back full (more may wait).
    /// </summary>
    public bool TakeHidEvents(uint capacity, Hid.HidEvents sink)
    {
        var response = Exchange(_request.Start(HostOp.TakeHidEvents).U32(capacity));
        var devices = response.U32();
        for (var k = 0; k < devices; k++)
        {
            var id = response.U64();
            var time = response.U64();
            var length = response.U64();
            var has = response.U32() != 0;
            var name = response.String();
            var bytes = response.Bytes((int)Math.Min(response.U32(), int.MaxValue)).ToArray();
            sink.Devices.Add(new Hid.HidDeviceStart(id, time, length, has, name, bytes));
        }
        var reports = response.U32();
        for (var k = 0; k < reports; k++)
        {
            var id = response.U64();
            var timestamp = response.U64();
            var time = response.U64();
            var type = response.U32();
            var options = response.U32();
            var reportLength = response.U32();
            var descriptorLength = response.U64();
            var status = response.I32();
            var dropped = response.U32();
            var name = response.String();
            var bytes = response.Bytes((int)Math.Min(response.U32(), int.MaxValue)).ToArray();
            sink.Reports.Add(new Hid.HidReport(id, timestamp, time, type, options, reportLength, descriptorLength, status, dropped, name, bytes));
        }
        response.End();
        return devices == capacity || reports == capacity;
    }

    /// <summary>dksim_map_memory (MapMemory, protocol 4): IOConnectMapMemory64 of a memory type.</summary>
    public MemoryMapping MapMemory(ulong connection, uint type)
    {
        var response = Exchange(_request.Start(HostOp.MapMemory).U64(connection).U32(type));
        var options = response.U64();
        var map = response.U64();
        var length = response.U64();
        response.End();
        return new MemoryMapping(new IOReturn((uint)response.Status), map, length, options);
    }

    /// <summary>dksim_memory_write (WriteMemory): the app's store through a mapping.</summary>
    public int WriteMemory(ulong map, ulong offset, ReadOnlySpan<byte> bytes)
    {
        Require(bytes.Length <= HostLimits.MaxStructBytes, $"a write of {bytes.Length} bytes (at most {HostLimits.MaxStructBytes})");
        return StatusOnly(_request.Start(HostOp.WriteMemory).U64(map).U64(offset).Bytes(bytes));
    }

    /// <summary>dksim_memory_read (ReadMemory): the app's load through a mapping into bytes.</summary>
    public int ReadMemory(ulong map, ulong offset, Span<byte> bytes)
    {
        Require(bytes.Length <= HostLimits.MaxStructBytes, $"a read of {bytes.Length} bytes (at most {HostLimits.MaxStructBytes})");
        var response = Exchange(_request.Start(HostOp.ReadMemory).U64(map).U64(offset).U64((ulong)bytes.Length));
        var count = response.U64();
        response.Bytes((int)Math.Min(count, (ulong)bytes.Length)).CopyTo(bytes);
        response.End();
        return response.Status;
    }

    /// <summary>dksim_set_device (SetDevice, protocol 5): the device description, before boot.</summary>
    public int DescribeDevice(byte[] bytes)
    {
        Require(bytes.Length <= HostLimits.MaxDeviceBytes, $"a device description of {bytes.Length} bytes (at most {HostLimits.MaxDeviceBytes})");
        return StatusOnly(_request.Start(HostOp.SetDevice).Bytes(bytes));
    }

    /// <summary>dksim_device_feed (FeedDevice): bytes the device sends next.</summary>
    public int FeedDevice(ReadOnlySpan<byte> bytes)
    {
        Require(bytes.Length <= HostLimits.MaxDeviceBytes, $"a feed of {bytes.Length} bytes (at most {HostLimits.MaxDeviceBytes})");
        return StatusOnly(_request.Start(HostOp.FeedDevice).Bytes(bytes));
    }

    public int UnplugDevice() => StatusOnly(_request.Start(HostOp.UnplugDevice));

    public int RaiseInterrupt(uint index) => StatusOnly(_request.Start(HostOp.RaiseInterrupt).U32(index));

    /// <summary>dksim_take_violation, repeated (TakeViolations): every recorded violation into sink.</summary>
    public void TakeViolations(List<RuntimeViolation> sink)
    {
        var response = Exchange(_request.Start(HostOp.TakeViolations).U32(HostLimits.MaxViolations));
        var count = response.U32();
        for (var k = 0u; k < count; k++)
            sink.Add(new RuntimeViolation(response.String(), response.U64(), response.U64(), response.String()));
        response.End();
    }

    /// <summary>dksim_take_dispatch_entries (TakeDispatchEntries): every recorded dispatch entry into sink.</summary>
    public void TakeDispatchEntries(List<DispatchEntry> sink)
    {
        var response = Exchange(_request.Start(HostOp.TakeDispatchEntries).U32(HostLimits.MaxDispatchEntries));
        var count = response.U32();
        for (var k = 0u; k < count; k++)
            sink.Add(new DispatchEntry(response.U64(), response.U64(), (DispatchEntryFlags)response.U32(), response.U32(), response.U32(),
                response.U32(), response.U32(), response.U32(), response.U32()));
        response.End();
    }

    /// <summary>The live-object counters, parsed from the response's UTF-8 text where it lies.</summary>
    public IReadOnlyDictionary<string, long> LiveObjects()
    {
        var response = Exchange(_request.Start(HostOp.LiveObjectsText));
        var counts = LiveObjectText.Parse(response.Bytes((int)Math.Min(response.U32(), int.MaxValue)));
        response.End();
        return counts;
    }

    public string ReadLog(ulong connection) => Text(_request.Start(HostOp.ReadLog).U64(connection));

    /// <summary>Attaches SysV segment shmId (-1: detach) as the coverage map; the reason when refused.</summary>
    public int SetCoverageShm(int shmId, uint size, out string reason)
    {
        var response = Exchange(_request.Start(HostOp.SetCoverageShm).I32(shmId).U32(size));
        reason = response.String();
        response.End();
        return response.Status;
    }

    public bool HasCoverage()
    {
        var response = Exchange(_request.Start(HostOp.HasCoverage));
        var has = response.I32();
        response.End();
        return has != 0;
    }

    public uint CoverageEdges()
    {
        var response = Exchange(_request.Start(HostOp.CoverageEdges));
        var edges = response.U32();
        response.End();
        return edges;
    }

    int StatusOnly(FrameWriter request)
    {
        var response = Exchange(request);
        response.End();
        return response.Status;
    }

    string Text(FrameWriter request)
    {
        var response = Exchange(request);
        var text = response.String();
        response.End();
        return text;
    }

    static void Require(bool condition, string what)
    {
        if (!condition) throw new ArgumentException($"dexthost cannot carry {what}");
    }
}
