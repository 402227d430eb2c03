using System.Text;
using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Oracle.Hid;
using ConformanceKit.Programs;
using ConformanceKit.Spec;
using ConformanceKit.Transports;
using ConformanceKit.Transports.Hid;

namespace ConformanceKit.Runner;

/// <summary>
/// Runs a <see cref="Program"/> on a dext through a transport, collects what each step does and has
/// the oracle judge it against the spec: the return of each call (<see cref="DispatchOracle"/>), its
/// outputs (<see cref="OutputJudge"/>), the completions that arrive (<see cref="AsyncJudge"/>), who
/// may open (<see cref="AccessJudge"/>), live objects once the last connection is closed
/// (<see cref="BalanceJudge"/>), the report descriptors and reports of the dext's HID devices after
/// every step when the spec has a hid: section (<see cref="HidJudge"/>), and crashes or hangs
/// (memory.safety). The dext is reset before every run, so a run depends on its program only. At the
/// end, connections the program left open are closed, as an app exiting would.
/// </summary>
public sealed partial class ProgramRunner
{
    const int MaxScalarOutput = (int)ProgramValidity.MaxScalarOutputCapacity;

    readonly DispatchSpec _spec;
    readonly IDextTransport _transport;
    readonly RunnerOptions _options;
    readonly AsyncJudge _async;
    readonly AccessJudge _access;
    readonly BalanceJudge _balance;
    readonly ConnectionModel[] _slots = Enumerable.Range(0, Step.MaxSlots).Select(_ => new ConnectionModel()).ToArray();
    readonly ulong[] _scalarOutput = new ulong[MaxScalarOutput];
    readonly List<AsyncCompletion> _arrived = [];
    readonly ulong[] _asyncReference = new ulong[IOKitLimits.AsyncReferenceCount];
    readonly Buffers.ScratchBuffer _structOutput = new(IOKitLimits.MaxInbandStruct * 2);
    readonly HidJudge? _hid;
    readonly ILiveObjects? _liveObjects;
    readonly ILogCapture? _log;
    readonly IHidReports? _hidReports;
    /// <summary>Null when the transport cannot map a dext's memory: then no mapping is made, so no poke or peek reaches it.</summary>
    readonly ISharedMemory? _memory;
    readonly HidEvents _hidEvents = new();
    /// <summary>Null when each step is made live (the transport cannot run a whole program, or the options say so).</summary>
    readonly IProgramExecutor? _executor;
    /// <summary>Null when the transport cannot tear a program down (a real Mac): the next reset does.</summary>
    readonly ITearDown? _tearDown;

    public ProgramRunner(DispatchSpec spec, IDextTransport transport, RunnerOptions? options = null)
    {
        _spec = spec;
        _transport = transport;
        _options = options ?? RunnerOptions.Default;
        _async = new AsyncJudge(spec, transport.HasVirtualClock);
        _access = new AccessJudge(spec);
        _balance = new BalanceJudge(spec);
        _liveObjects = transport.Capability<ILiveObjects>();
        _log = transport.Capability<ILogCapture>();
        _hidReports = transport.Capability<IHidReports>();
        _memory = transport.Capability<ISharedMemory>();
        _tearDown = transport.Capability<ITearDown>();
        _device = spec.Device is null ? null : transport.Capability<ISimulatedDevice>();
        // Only a transport on the virtual clock: the executor advances it where the runner would wait.
        _executor = options?.StepByStep == true || !transport.HasVirtualClock ? null : transport.Capability<IProgramExecutor>();
        DescribeDevice();
        // One more exchange per step, so only for a spec that asks for its HID devices to be judged.
        _hid = spec.Hid is { } hid && _hidReports is not null ? new HidJudge(hid) : null;
    }

    public DispatchSpec Spec => _spec;
    public IDextTransport Transport => _transport;

    /// <summary>
    /// Runs the program on a freshly reset dext and judges it. Where the transport can run a whole
    /// program in one exchange (<see cref="IProgramExecutor"/>), it does, and the steps below are
    /// judged on its record — a sanitizer build that crashes sends the record up to the crashing
    /// operation. A program that crashes a build without sanitizers there, or hangs the dext, is run
    /// again step by step, so that its finding names the step and carries what the steps before it observed.
    /// </summary>
    public RunResult Run(Program program)
    {
        if (_executor is null) return RunSteps(program, null, null);
        IDisposable? replay;
        try
        {
            replay = _executor.RunProgram(Execution(program));
        }
        catch (Exception e) when (e is DextCrashedException or DextHungException)
        {
            return RunSteps(program, null, e);
        }
        return RunSteps(program, replay, null);
    }

    /// <param name="replay">Ends the replay of the program's record, before the dext's logs are read live; null when run live.</param>
    /// <param name="wholeProgramFailure">The crash or hang of the program run in one exchange, when it is run again step by step.</param>
    RunResult RunSteps(Program program, IDisposable? replay, Exception? wholeProgramFailure)
    {
        var run = new RunState();
        foreach (var slot in _slots) slot.Reset();
        ForgetMaps();
        _unplugged = false;
        _hid?.Reset();
        _balance.Reset(null); // no baseline until the reset has succeeded
        try
        {
            _transport.Reset();
            _balance.Reset(_liveObjects?.LiveObjects());
            for (var index = 0; index < program.Steps.Count; index++)
            {
                Execute(program.Steps[index], index, run);
                CollectHid(index, SelectorAt(program, index), run);
                if (_options.StopAtFirstViolation && run.Violations.Count > 0) break;
            }
            if (!(_options.StopAtFirstViolation && run.Violations.Count > 0))
            {
                CloseRemaining(program.Steps.Count, run);
                CollectHid(program.Steps.Count, null, run);
            }
            TearDown(program.Steps.Count, run);
        }
        catch (DextCrashedException crash)
        {
            RecordCrash(crash, program, run);
        }
        catch (DextHungException hang)
        {
            RecordHang(hang, program, run);
        }
        finally
        {
            replay?.Dispose();
        }
        // A runner that stopped at a violation never reached the crash: as when it ran live.
        var stopped = _options.StopAtFirstViolation && run.Violations.Count > 0;
        if (run.Crash is null && wholeProgramFailure is not null && !stopped) RecordUnrepeated(wholeProgramFailure, program, run);
        var log = run.Violations.Count > 0 && run.Crash is null ? ReadLogs(run) : run.Crash?.Report ?? "";
        return new RunResult(program, run.Observations, run.Violations, run.Crash, log, run.CallsDelivered,
            run.ReachedDext || run.CallsDelivered > 0, run.OpenProblem, run.HidLog.Count > 0 ? run.HidLog : null, run.PeekLog.Count > 0 ? run.PeekLog : null,
            run.CompletionsJudged);
    }

    static void RecordCrash(DextCrashedException crash, Program program, RunState run, string? note = null)
    {
        run.Crash = new CrashInfo(run.CurrentStep, false, crash.Summary + note, crash.Report);
        run.Violations.Add(new Violation(Rules.MemorySafety, run.CurrentStep, SelectorAt(program, run.CurrentStep),
            CrashSignature.Kind(crash), "the dext survives every call", crash.Summary + note));
    }

    static void RecordHang(DextHungException hang, Program program, RunState run, string? note = null)
    {
        run.Crash = new CrashInfo(run.CurrentStep, true, hang.Message + note, hang.Log);
        run.Violations.Add(new Violation(Rules.MemorySafety, run.CurrentStep, SelectorAt(program, run.CurrentStep),
            CrashSignature.Kind(hang), "an answer within the per-call timeout", hang.Message + note));
    }

    /// <summary>
    /// The program crashed or hung the dext when run in one exchange but not when run again step by
    /// step: the finding is kept (never lost), charged to the last step, and says so.
    /// </summary>
    static void RecordUnrepeated(Exception failure, Program program, RunState run)
    {
        run.CurrentStep = Math.Max(0, program.Steps.Count - 1);
        const string note = " (when the whole program ran in one exchange; run again step by step, it did not fail)";
        if (failure is DextCrashedException crash) RecordCrash(crash, program, run, note);
        else if (failure is DextHungException hang) RecordHang(hang, program, run, note);
    }

    /// <summary>What the transport's executor needs to make the operations this runner makes.</summary>
    ProgramExecution Execution(Program program)
    {
        var opens = new (uint Type, IReadOnlyList<string> Ids)?[program.Steps.Count];
        for (var index = 0; index < opens.Length; index++)
            if (program.Steps[index] is OpenStep open)
                opens[index] = (open.Type != 0 ? open.Type : _spec.ConnectionType, open.Access.Resolve(_spec.BundleIdentifier));
        var needs = ProgramNeeds.None;
        if (_liveObjects is not null) needs |= ProgramNeeds.LiveObjects;
        if (_hid is not null && _hidReports is not null) needs |= ProgramNeeds.Hid;
        if (_device is not null && _spec.Device is not null) needs |= ProgramNeeds.Device;
        if (_memory is not null) needs |= ProgramNeeds.Memory;
        if (_options.RecordObservations || _options.RecordPeeks) needs |= ProgramNeeds.Peeks;
        if (_tearDown is not null) needs |= ProgramNeeds.TearDown;
        return new ProgramExecution(program, _spec.Service, opens, MaxScalarOutput, _balance.SettleNs, needs);
    }

    static uint? SelectorAt(Program program, int index) =>
        index < program.Steps.Count && program.Steps[index] is CallStep call ? call.Selector : null;

    void Execute(Step step, int index, RunState run)
    {
        run.CurrentStep = index;
        switch (step)
        {
            case OpenStep open: ExecuteOpen(open, index, run); break;
            case CloseStep close: ExecuteClose(close.Slot, index, run); break;
            case CallStep call: ExecuteCall(call, index, run); break;
            case WaitStep wait: ExecuteWait(wait, index, run); break;
            case MapStep map: ExecuteMap(map, run); break;
            case PokeStep poke: ExecutePoke(poke, run); break;
            case PeekStep peek: ExecutePeek(peek, run); break;
            case DeviceDataStep data: ExecuteDeviceData(data, index, run); break;
            case UnplugStep: ExecuteUnplug(index, run); break;
            case InterruptStep interrupt: ExecuteInterrupt(interrupt, index, run); break;
        }
    }

    void ExecuteOpen(OpenStep open, int index, RunState run)
    {
        var slot = _slots[open.Slot];
        var ids = open.Access.Resolve(_spec.BundleIdentifier);
        var type = open.Type != 0 ? open.Type : _spec.ConnectionType; // "open c0" means the spec's connection type
        var result = _transport.Open(_spec.Service, type, ids, out var handle);
        var expected = _access.Expected(ids);
        // The runtime's own words for a refusal (which identifier the access check wanted, which
        // service is missing), read at once, before another operation replaces them; skipped for
        // the refusal a test of the access check expects, which the fuzz loop makes constantly.
        var explain = !result.IsSuccess && (result != expected || _options.RecordObservations || run.OpenProblem is null);
        var reason = explain ? _transport.LastError() : "";
        var observed = reason.Length > 0 ? $"{result}: {reason}" : result.ToString();
        if (!result.IsSuccess && !_unplugged) run.OpenProblem ??= $"open c{open.Slot} ({_spec.Service}) returned {observed}";
        // Only a transport that opens with the entitlements the program asks for can test the access check.
        // After an unplug the service is gone for everyone: no open tells anything about access.
        if (_transport.CanChooseClientEntitlements && !_unplugged) _access.Judge(ids, result, observed, index, run.Violations);
        slot.Reset();
        if (result != IOReturn.NoDevice) run.ReachedDext = true;
        if (result.IsSuccess)
        {
            slot.IsOpen = true;
            slot.Handle = handle;
            run.Handles.Add((open.Slot, handle));
        }
        Observe(run, observed);
    }

    void ExecuteClose(int slotIndex, int index, RunState run)
    {
        var slot = _slots[slotIndex];
        if (!slot.IsOpen)
        {
            Observe(run, "skipped: the connection did not open");
            return;
        }
        var result = _transport.Close(slot.Handle);
        slot.Reset();
        ForgetMaps(slotIndex);
        Observe(run, result.ToString());
        if (!_slots.Any(s => s.IsOpen)) CheckBalance(index, run);
        TakeRuntimeViolations(index, run);
    }

    void ExecuteCall(CallStep call, int index, RunState run)
    {
        var slot = _slots[call.Slot];
        if (!slot.IsOpen)
        {
            Observe(run, "skipped: the connection did not open");
            return;
        }
        if (slot.Terminated)
        {
            ExecuteOnTerminated(call, slot, run);
            return;
        }
        var expectation = DispatchOracle.Expect(_spec, call, slot.CallbackRefcon is not null, slot.Owed.Count(o => !o.Own));
        var scalarOutput = _scalarOutput.AsSpan(0, (int)Math.Min(call.ScalarOutputCapacity, (uint)MaxScalarOutput));
        var structOutput = StructBuffer(call.StructOutputCapacity);
        scalarOutput.Clear();
        structOutput.Clear();
        ReadOnlySpan<ulong> reference = [];
        if (call.Async is { } asyncReference)
        {
            _asyncReference[1] = AsyncReference.CallbackFor(call.Slot);
            _asyncReference[2] = asyncReference.Refcon;
            reference = _asyncReference;
        }

        if (call.ScalarInput.Count <= IOKitLimits.MaxScalars) run.CallsDelivered++; // counted before the call: a crash inside it reached the dext too
        var result = _transport.Call(slot.Handle, call.Selector, reference, call.ScalarInput.AsSpan(), call.StructInput.AsSpan(), scalarOutput, structOutput);

        if (!expectation.Permits(result.Return))
        {
            run.Violations.Add(new Violation(expectation.Rule, index, call.Selector, expectation.Kind,
                $"{expectation.DescribeAllowed()}: {expectation.Reason}", result.Return.ToString()));
        }
        else if (expectation.Accepting is { } entry && result.Return.IsSuccess)
        {
            OutputJudge.Judge(entry, call, index, result.ScalarOutputCount, result.StructOutputSize,
                scalarOutput, structOutput, run.Violations);
        }
        if (result.Return.IsSuccess) ApplyEffects(slot, call, index, run, expectation);
        var arrivals = Collect(index, run);
        if (_options.RecordObservations)
            Observe(run, DescribeCallResult(result, scalarOutput, structOutput) + (arrivals.Length > 0 ? "; " + arrivals : ""));
    }

    /// <summary>
    /// What an accepted call changes in the model. Effects follow the observed return, so a call that
    /// broke a rule does not also cause a cascade of follow-on findings.
    /// </summary>
    void ApplyEffects(ConnectionModel slot, CallStep call, int index, RunState run, CallExpectation expectation)
    {
        if (call.ScalarInput.Count > IOKitLimits.MaxScalars || _spec.Find(call.Selector) is not { } entry) return;
        if (entry.Role == AsyncRole.RegisterCallback && call.Async is { } reference)
        {
            // Completions go to the callback registered when they are sent: re-registering redirects
            // the ones still pending.
            slot.CallbackRefcon = reference.Refcon;
            for (var k = 0; k < slot.Owed.Count; k++) slot.Owed[k] = slot.Owed[k] with { Refcon = reference.Refcon };
        }
        if (entry.Completes && expectation.Rule != Rules.AsyncRegisterBeforeRequest)
            _async.Owe(slot, call, index, run.NowNs);
        if (entry.Role == AsyncRole.Own) AsyncJudge.OweOwn(slot, call, index);
    }

    void ExecuteWait(WaitStep wait, int index, RunState run)
    {
        _transport.Wait(wait.Nanoseconds);
        run.NowNs += wait.Nanoseconds;
        var arrivals = Collect(index, run);
        if (_options.RecordObservations)
            Observe(run, $"t={Durations.Format(run.NowNs)} {(arrivals.Length > 0 ? arrivals : "no completions")}");
    }

    /// <summary>Takes what arrived on every open connection and judges it; describes the arrivals.</summary>
    /// <param name="deviceStep">A device step made it arrive (async.deviceEvents).</param>
    string Collect(int index, RunState run, bool deviceStep = false)
    {
        var arrivals = new StringBuilder();
        for (var k = 0; k < _slots.Length; k++)
        {
            var slot = _slots[k];
            if (!slot.IsOpen) continue;
            _arrived.Clear();
            _transport.TakeCompletions(slot.Handle, _arrived);
            if (_arrived.Count == 0 && slot.Owed.Count == 0) continue;
            if (_options.RecordObservations)
                foreach (var completion in _arrived) arrivals.Append($"c{k} completion {completion}; ");
            // What the transfers the unplug failed sent before the client was terminated is the
            // device's doing (kIOReturnAborted and the like): shown, not judged.
            if (slot.Terminated) continue;
            run.CompletionsJudged += _async.Judge(slot, _arrived, index, run.NowNs, run.Violations, deviceStep);
        }
        return arrivals.ToString().TrimEnd(' ', ';');
    }

    void CloseRemaining(int index, RunState run)
    {
        for (var k = 0; k < _slots.Length; k++)
        {
            if (!_slots[k].IsOpen) continue;
            run.CurrentStep = index;
            _transport.Close(_slots[k].Handle);
            _slots[k].Reset();
            ForgetMaps(k);
            if (!_slots.Any(s => s.IsOpen)) CheckBalance(index, run);
        }
        TakeRuntimeViolations(index, run);
    }

    /// <summary>
    /// The program's own teardown (<see cref="ITearDown"/>), also after a stop at a violation: its
    /// services' Stop and free run now, so a crash there is this program's (charged after its last
    /// step), and the next program's reset finds nothing of it. The dext's logs stay readable.
    /// </summary>
    void TearDown(int index, RunState run)
    {
        if (_tearDown is null) return;
        run.CurrentStep = index;
        _tearDown.TearDown();
    }

    /// <summary>objects.balance: once the last connection is closed, lets pending timers run out and has the counters judged.</summary>
    void CheckBalance(int index, RunState run)
    {
        if (_liveObjects is null || !_balance.HasBaseline) return;
        if (_transport.HasVirtualClock)
        {
            _transport.Wait(_balance.SettleNs);
            run.NowNs += _balance.SettleNs;
        }
        _balance.Judge(_liveObjects.LiveObjects(), index, run.Violations, deviceGone: _unplugged);
    }

    Span<byte> StructBuffer(ulong capacity) => _structOutput.Take(capacity);

    static string DescribeCallResult(CallResult result, ReadOnlySpan<ulong> scalars, ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(result.Return.ToString());
        if (result.ScalarOutputCount > 0)
            text.Append(" scalars=").Append(string.Join(',', scalars[..(int)Math.Min(result.ScalarOutputCount, (uint)scalars.Length)].ToArray()));
        if (result.StructOutputSize > 0)
            text.Append(" out=").Append(ProgramText.FormatBytes(bytes[..(int)Math.Min(result.StructOutputSize, (ulong)bytes.Length)]));
        return text.ToString();
    }

    /// <summary>
    /// hid.reports: takes what the dext's HID devices did during the step and judges it; the events
    /// go to the run's HID log (shown in reproducers) and to the step's observation.
    /// </summary>
    void CollectHid(int index, uint? selector, RunState run)
    {
        if (_hid is null || _hidReports is null) return;
        _hidEvents.Clear();
        _hidReports.TakeHidEvents(_hidEvents);
        if (_hidEvents.IsEmpty) return;
        var before = run.HidLog.Count;
        _hid.Judge(_hidEvents, index, selector, run.Violations, run.HidLog);
        if (_options.RecordObservations && index < run.Observations.Count)
            run.Observations[index] += "; hid: " + string.Join("; ", run.HidLog.Skip(before).Select(line => line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]));
    }

    void Observe(RunState run, string text)
    {
        if (_options.RecordObservations) run.Observations.Add(text);
    }

    string ReadLogs(RunState run)
    {
        if (_log is null) return "";
        var text = new StringBuilder();
        var global = _log.ReadLog(0);
        if (global.Length > 0) text.Append("== dext ==\n").Append(global);
        foreach (var (slot, handle) in run.Handles)
        {
            var log = _log.ReadLog(handle);
            if (log.Length > 0) text.Append($"== c{slot} (connection {handle}) ==\n").Append(log);
        }
        return text.ToString();
    }

    sealed class RunState
    {
        public List<string> Observations { get; } = [];
        public List<string> HidLog { get; } = [];
        public List<string> PeekLog { get; } = [];
        public List<Violation> Violations { get; } = [];
        public List<(int Slot, ulong Handle)> Handles { get; } = [];
        public CrashInfo? Crash { get; set; }
        public int CurrentStep { get; set; }
        public ulong NowNs { get; set; }
        public int CallsDelivered { get; set; }
        public int CompletionsJudged { get; set; }
        public bool ReachedDext { get; set; }
        public string? OpenProblem { get; set; }
    }
}
