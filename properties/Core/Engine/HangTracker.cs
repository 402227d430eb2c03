using ConformanceKit.Programs;
using ConformanceKit.Runner;

namespace ConformanceKit.Properties.Engine;

/// <summary>
/// Where the dext hangs, across every property of one check. Each hang costs a whole per-call
/// timeout and a host restart, and once a selector has hung once, every later program that calls
/// it would hang again: the first hang is the finding, and those programs are skipped — not run,
/// and not counted as judged. A hang outside any call (a wait or a close: a timer handler or Stop
/// that never returns) is met by every program, since every program ends by closing what it
/// opened, so after one nothing more is run.
/// </summary>
public sealed class HangTracker
{
    readonly HashSet<uint> _selectors = [];
    bool _outsideCalls;

    public void Record(Finding hang)
    {
        if (hang.Selector is { } selector) _selectors.Add(selector);
        else _outsideCalls = true;
    }

    /// <summary>Whether the program would meet a known hang, and why (for the "not judged" reason).</summary>
    public bool Skips(Program program, out string reason)
    {
        if (_outsideCalls)
        {
            reason = "the dext hung outside any call (in a wait or a close), so nothing more was run; see the memory.safety finding";
            return true;
        }
        foreach (var step in program.Steps)
        {
            if (step is CallStep call && _selectors.Contains(call.Selector))
            {
                reason = $"selector {call.Selector} hangs (see its memory.safety finding), so programs calling it were not run";
                return true;
            }
        }
        reason = "";
        return false;
    }

    public static bool IsHang(Finding finding) => finding.Kind == CrashSignature.Hang;
}
