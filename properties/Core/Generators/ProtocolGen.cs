using ConformanceKit.Programs;
using ConformanceKit.Spec;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Generators;

/// <summary>
/// Model-based programs over the async protocol and the connection lifecycle: register the callback,
/// request async work (with or without a completion), plain calls, waits around the completion delay,
/// close, reopen, several connections at once. FsCheck generates a list of abstract commands; they are
/// interpreted against the connection state, so every generated program is valid and every shrink of
/// the list is too. The runner's model then predicts each return code and completion.
/// </summary>
public static class ProtocolGen
{
    enum Kind { Open, Close, Register, Request, Plain, Wait, Burst }

    readonly record struct Command(Kind Kind, int Pick, byte Data);

    static readonly ulong[] FixedWaits = [0, 1_000_000, 1_000_000_000, 2_000_000_000, 4_999_999_999, 5_000_000_000, 6_000_000_000, 7_000_000_000, 8_000_000_000, 12_000_000_000];

    /// <summary>
    /// The waits between commands: fixed ones, and around the spec's completion delay — a quarter and half of
    /// it and just short of it (a second request while the first is pending), the delay itself, the end of
    /// the leeway and past it.
    /// </summary>
    static ulong[] Waits(DispatchSpec spec) => spec.Async is not { } async ? FixedWaits :
    [
        .. FixedWaits.Concat([async.DelayNs / 4, async.DelayNs / 2, Math.Max(async.DelayNs, 1) - 1, async.DelayNs, async.DelayNs + async.LeewayNs, PastEveryDeadline(async)])
            .Distinct().Order(),
    ];

    static ulong PastEveryDeadline(AsyncSpec async) => async.DelayNs + async.LeewayNs + 1_000_000_000;

    public static Gen<Program> Programs(DispatchSpec spec, int maxCommands = 12)
    {
        var command =
            from kind in Gen.Frequency(
                (2, Gen.Constant(Kind.Open)), (1, Gen.Constant(Kind.Close)), (3, Gen.Constant(Kind.Register)),
                (4, Gen.Constant(Kind.Request)), (1, Gen.Constant(Kind.Plain)), (4, Gen.Constant(Kind.Wait)), (1, Gen.Constant(Kind.Burst)))
            from pick in Gen.Choose(0, 1000)
            from data in ShapeGen.Data()
            select new Command(kind, pick, data);
        return Gen.Sized(size => Gen.Choose(1, Math.Clamp(size, 1, maxCommands)).SelectMany(count => Gen.ArrayOf(command, count)))
            .Select(commands => Interpret(spec, commands));
    }

    static Program Interpret(DispatchSpec spec, IReadOnlyList<Command> commands)
    {
        var steps = new List<Step> { new OpenStep(0, ClientAccess.AsEntitled) };
        var open = new bool[Step.MaxSlots];
        open[0] = true;
        var register = spec.RegisterSelector;
        var requests = spec.Selectors.Where(s => s.Role == AsyncRole.Request).ToArray();
        // Besides the protocol's roles: every other selector, those that complete their own call (async: own) or
        // require a completion without a declared role among them — their completions, timers and closes
        // are exactly what a lifecycle bug frees too early (HiddenCrashDriver's Watch in a drafted spec).
        var plain = spec.Selectors.Where(s => s.Role is AsyncRole.None or AsyncRole.Own).ToArray();
        var waits = Waits(spec);
        ulong refcon = 1;
        foreach (var command in commands)
        {
            var openSlots = Enumerable.Range(0, Step.MaxSlots).Where(s => open[s]).ToArray();
            var freeSlots = Enumerable.Range(0, Step.MaxSlots).Where(s => !open[s]).ToArray();
            switch (command.Kind)
            {
                case Kind.Open when freeSlots.Length > 0:
                    var slot = freeSlots[command.Pick % freeSlots.Length];
                    steps.Add(new OpenStep(slot, ClientAccess.AsEntitled));
                    open[slot] = true;
                    break;
                case Kind.Close when openSlots.Length > 0:
                    var closing = openSlots[command.Pick % openSlots.Length];
                    steps.Add(new CloseStep(closing));
                    open[closing] = false;
                    break;
                case Kind.Wait:
                    steps.Add(new WaitStep(waits[command.Pick % waits.Length]));
                    break;
                case Kind.Burst when (requests.Length > 0 || plain.Length > 0) && openSlots.Length > 0:
                    // The same call many times on one connection: a queue filled to its limit, the third call of a kind.
                    var pool = requests.Length > 0 && (plain.Length == 0 || command.Pick % 3 != 0) ? requests : plain;
                    var repeated = pool[command.Pick % pool.Length];
                    var first = WellShaped(repeated, openSlots[command.Pick / 7 % openSlots.Length],
                        repeated.Role == AsyncRole.Request ? repeated.Completion != CompletionRule.Forbidden : WithCompletion(repeated, command.Pick), command.Data, refcon);
                    var count = Bursts.Sizes[command.Pick / 11 % Bursts.Sizes.Count];
                    steps.AddRange(Bursts.Of(first, count, repeated));
                    refcon += (ulong)count;
                    break;
                case Kind.Register when register is not null && openSlots.Length > 0:
                    steps.Add(WellShaped(register, openSlots[command.Pick % openSlots.Length], true, command.Data, refcon++));
                    break;
                case Kind.Request when requests.Length > 0 && openSlots.Length > 0:
                    var request = requests[command.Pick % requests.Length];
                    var withCompletion = request.Completion == CompletionRule.Required || (request.Completion == CompletionRule.Any && command.Pick % 2 == 1);
                    steps.Add(WellShaped(request, openSlots[command.Pick / 7 % openSlots.Length], withCompletion, command.Data, refcon++));
                    break;
                case Kind.Plain when plain.Length > 0 && openSlots.Length > 0:
                    var other = plain[command.Pick % plain.Length];
                    steps.Add(WellShaped(other, openSlots[command.Pick / 7 % openSlots.Length], WithCompletion(other, command.Pick), command.Data, refcon++));
                    break;
            }
        }
        // Then a wait past every deadline, so that each completion owed is judged (arrived or missing) before the runner's close drops it.
        if (spec.Async is { } protocol && steps.OfType<CallStep>().Any(call => call.HasCompletion))
            steps.Add(new WaitStep(PastEveryDeadline(protocol)));
        return new Program(steps);
    }

    /// <summary>
    /// A completion where the selector requires one, and for one that completes its own call half the time
    /// it may have one; a selector without an async role that merely allows one is called without (its spec
    /// says nothing of a completion it would send).
    /// </summary>
    static bool WithCompletion(SelectorSpec entry, int pick) =>
        entry.Completion == CompletionRule.Required || (entry.Completion == CompletionRule.Any && entry.Role == AsyncRole.Own && pick / 3 % 2 == 1);

    static CallStep WellShaped(SelectorSpec entry, int slot, bool completion, byte data, ulong refcon) =>
        CallGen.Declared(entry, slot, completion, data, refcon);
}
