using ConformanceKit.Programs;
using ConformanceKit.Transports;

namespace ConformanceKit.Runner;

/// <summary>
/// The shared-memory steps: map (the dext's CopyClientMemoryForType runs), poke and peek (the app's
/// stores and loads through the mapping). No rule judges their returns — a dext may refuse a memory
/// type, and a write to memory it shared read-only is refused — only what the dext then does with the
/// contents: a crash in a later call is memory.safety, a descriptor never released objects.balance.
/// </summary>
public sealed partial class ProgramRunner
{
    readonly MappedMemory[] _maps = Enumerable.Range(0, MapStep.MaxMaps).Select(_ => new MappedMemory()).ToArray();

    sealed class MappedMemory
    {
        public bool IsMapped;
        public int Slot;
        public ulong Handle;
    }

    void ForgetMaps(int? slot = null)
    {
        foreach (var map in _maps)
            if (slot is null || map.Slot == slot) map.IsMapped = false;
    }

    void ExecuteMap(MapStep step, RunState run)
    {
        var slot = _slots[step.Slot];
        var map = _maps[step.Map];
        map.IsMapped = false;
        if (!slot.IsOpen)
        {
            Observe(run, "skipped: the connection did not open");
            return;
        }
        if (_memory is null)
        {
            Observe(run, $"skipped: the {_transport.Kind.Name()} transport cannot map a dext's memory");
            return;
        }
        var mapping = _memory.MapMemory(slot.Handle, step.Type);
        run.ReachedDext = true; // the dext's CopyClientMemoryForType ran
        if (mapping.Return.IsSuccess)
        {
            map.IsMapped = true;
            map.Slot = step.Slot;
            map.Handle = mapping.Map;
        }
        if (!_options.RecordObservations) return;
        Observe(run, mapping.Return.IsSuccess
            ? $"{mapping.Return} length={mapping.Length}{(mapping.ReadOnly ? " read-only (kIOUserClientMemoryReadOnly)" : "")}"
            : $"{mapping.Return}: {_transport.LastError()}");
    }

    void ExecutePoke(PokeStep step, RunState run)
    {
        var map = _maps[step.Map];
        if (!map.IsMapped)
        {
            Observe(run, "skipped: the memory did not map");
            return;
        }
        var result = _memory!.WriteMemory(map.Handle, step.Offset, step.Bytes.AsSpan());
        Observe(run, result.ToString());
    }

    /// <summary>
    /// A load changes nothing in the dext, so it is made only when observations or peeks are recorded
    /// (replay, reports, reproducers; not the fuzz loop). What it read goes to the step's observation
    /// and to the run's peek log, which a finding's reproducer shows as "# peek:" lines.
    /// </summary>
    void ExecutePeek(PeekStep step, RunState run)
    {
        var map = _maps[step.Map];
        if (!map.IsMapped)
        {
            Observe(run, "skipped: the memory did not map");
            return;
        }
        if (!_options.RecordObservations && !_options.RecordPeeks) return;
        var bytes = new byte[step.Length];
        var result = _memory!.ReadMemory(map.Handle, step.Offset, bytes);
        var read = result.IsSuccess && bytes.Length > 0 ? $"{result} {ProgramText.FormatBytes(bytes)}" : result.ToString();
        Observe(run, read);
        if (_options.RecordPeeks)
            run.PeekLog.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"at step {run.CurrentStep + 1}: m{step.Map} offset={step.Offset} len={step.Length}: {read}"));
    }
}
