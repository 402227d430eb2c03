using ConformanceKit.Oracle;
using ConformanceKit.Programs;

namespace ConformanceKit.Runner;

/// <summary>What running a program showed: per-step observations, the rules it broke, a crash, the dext's log.</summary>
/// <param name="CallsDelivered">
/// Calls that got past the kernel's checks to the dext's ExternalMethod: made on an open connection
/// with at most 16 input scalars (more fail in the app's process with MIG_ARRAY_TOO_LARGE).
/// </param>
/// <param name="ReachedDext">
/// Whether the dext served any step: a delivered call, or an open that found its service (the
/// dext's NewUserClient runs even for a client the access check then refuses).
/// </param>
/// <param name="OpenProblem">
/// The first open that failed, with the runtime's reason (e.g. which bundle identifier the access
/// check wanted); null when every open succeeded. When nothing reached the dext, this says why.
/// </param>
/// <param name="HidLog">
/// What the dext's HID devices did, one line per report descriptor and report ("at step N: ..."),
/// when the spec has a hid: section and the transport can see it; null when nothing happened.
/// </param>
/// <param name="CompletionsJudged">
/// Completions the async judge settled: arrived and compared with what was owed, arrived unowed, or
/// missing once due (<see cref="AsyncJudge.Judge"/>). async.delivery holds only on programs that judged one.
/// </param>
/// <param name="PeekLog">What each peek step read ("at step N: m0 offset=0 len=16: kIOReturnSuccess … bytes"); null when the program peeked nothing.</param>
public sealed record RunResult(
    Program Program,
    IReadOnlyList<string> Observations,
    IReadOnlyList<Violation> Violations,
    CrashInfo? Crash,
    string DextLog,
    int CallsDelivered = 0,
    bool ReachedDext = false,
    string? OpenProblem = null,
    IReadOnlyList<string>? HidLog = null,
    IReadOnlyList<string>? PeekLog = null,
    int CompletionsJudged = 0)
{
    public bool Passed => Violations.Count == 0;
}
