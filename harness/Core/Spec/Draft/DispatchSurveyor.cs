using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Transports;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// Calls each selector of a dext once and records what its ExternalMethod did with it (<see cref="DispatchSurvey"/>).
/// </summary>
/// <remarks>
/// Each call has no arguments and no completion: a dispatch entry is recorded before the default
/// ExternalMethod checks anything, so the call's shape does not matter, and an empty call is the one a
/// checked entry refuses before any handler runs. Selectors are tried from 0 up until
/// <see cref="MissRun"/> selectors in a row past the last one that answered answer like the far
/// selectors (<see cref="FarSelectors"/>, which give the out-of-range result), and at most up to
/// <see cref="MaxSelector"/>; the far selectors themselves are reported when they answer otherwise.
/// A crash is recorded on its selector (the transport restarts the dext) and the survey goes on.
/// </remarks>
public static class DispatchSurveyor
{
    /// <summary>Selectors in a row that must answer as out of range before the survey stops: tables have holes, rarely this long.</summary>
    public const uint MissRun = 32;

    /// <summary>The last selector tried, whatever answers: 4096 table entries is beyond any dext seen.</summary>
    public const uint MaxSelector = 4095;

    /// <summary>Selectors no table reaches; what they answer is the dext's out-of-range result.</summary>
    public static readonly ImmutableArray<uint> FarSelectors = [0x10000, 0x7FFFFFFF, 0xFFFFFFFF];

    /// <param name="serviceNames">Names to try in order (<see cref="ServiceNames.Candidates"/>); the first a service is registered under is used.</param>
    /// <param name="bundleIdentifier">The dext's bundle identifier (Info.plist): what an entitled client lists.</param>
    /// <exception cref="SurveyException">no service matched, or no client could open it.</exception>
    public static DispatchSurvey Survey(IDextTransport transport, IReadOnlyList<string> serviceNames, string? bundleIdentifier, uint connectionType = 0)
    {
        var entries = transport.Capability<IDispatchEntries>()
            ?? throw new SurveyException($"the {transport.Kind.Name()} transport cannot tell dispatch entries; use --transport socket or inproc");
        transport.Reset();
        var service = serviceNames.FirstOrDefault(n => transport.CountMatching(n) > 0)
            ?? throw new SurveyException($"no service of the dext is registered under {string.Join(", ", serviceNames)}; name it with --service");
        var (access, accessIds) = Access(transport, service, connectionType, bundleIdentifier);
        var session = new Session(transport, entries, service, connectionType, accessIds);
        try
        {
            var far = FarSelectors.Select(s => (Selector: s, Seen: session.Try(s))).ToArray();
            var outOfRange = far.Where(f => f.Seen.Crash is null && !f.Seen.Entries.Any(e => e.HasEntry)).Select(f => f.Seen.Result).Distinct().ToImmutableArray();
            if (outOfRange.IsEmpty) outOfRange = [IOReturn.Unsupported];
            var selectors = ImmutableArray.CreateBuilder<SurveyedSelector>();
            long lastAnswered = -1;
            uint tried = 0;
            for (var selector = 0u; selector <= MaxSelector && selector <= lastAnswered + MissRun; selector++)
            {
                tried++;
                var seen = session.Try(selector);
                if (!Answered(seen, outOfRange)) continue;
                selectors.Add(seen);
                lastAnswered = selector;
            }
            foreach (var (selector, seen) in far)
                if (Answered(seen, outOfRange)) selectors.Add(seen);
            return new DispatchSurvey(service, bundleIdentifier, access, connectionType, outOfRange, selectors.ToImmutable(), tried);
        }
        finally
        {
            session.Close();
        }
    }

    /// <summary>A selector answers when an entry reached the default ExternalMethod, it crashed, or it gave another result than the far ones.</summary>
    static bool Answered(SurveyedSelector seen, ImmutableArray<IOReturn> outOfRange) =>
        seen.Crash is not null || seen.Entries.Any(e => e.HasEntry) || !outOfRange.Contains(seen.Result);

    /// <summary>Any client (allow-any-userclient-access), or only one listing the bundle identifier.</summary>
    static (AccessPolicy, string[]) Access(IDextTransport transport, string service, uint type, string? bundleIdentifier)
    {
        var open = transport.Open(service, type, [], out var connection);
        if (open.IsSuccess)
        {
            CloseQuietly(transport, connection);
            return (AccessPolicy.Any, []);
        }
        if (bundleIdentifier is not null && transport.Open(service, type, [bundleIdentifier], out connection).IsSuccess)
        {
            CloseQuietly(transport, connection);
            return (AccessPolicy.Entitled, [bundleIdentifier]);
        }
        throw new SurveyException($"opening {service} failed with {open.Name ?? open.ToString()} ({transport.LastError()}), with and without userclient-access [{bundleIdentifier}]");
    }

    /// <summary>A dext that crashes or hangs on close has shown what the survey wants already: that bug is memory.safety's to report.</summary>
    internal static void CloseQuietly(IDextTransport transport, ulong connection)
    {
        try
        {
            transport.Close(connection);
        }
        catch (Exception e) when (e is DextCrashedException or DextHungException)
        {
        }
    }

    /// <summary>One open connection, reopened after a crash.</summary>
    sealed class Session(IDextTransport transport, IDispatchEntries entries, string service, uint type, string[] accessIds)
    {
        ulong _connection;

        public SurveyedSelector Try(uint selector)
        {
            var sink = new List<DispatchEntry>();
            try
            {
                if (_connection == 0) Reopen();
                entries.TakeDispatchEntries(sink); // whatever an earlier call left
                sink.Clear();
                var result = transport.Call(_connection, selector, [], [], [], [], []).Return;
                entries.TakeDispatchEntries(sink);
                return new SurveyedSelector(selector, result, Distinct(sink, selector), null);
            }
            catch (DextCrashedException crash)
            {
                _connection = 0;
                return Retry(selector, crash.Summary);
            }
            catch (DextHungException hang)
            {
                _connection = 0;
                return Retry(selector, hang.Message);
            }
        }

        /// <summary>
        /// The empty call crashed or hung the dext, and with it went the entry the runtime recorded: an entry
        /// whose checks accept the empty call (HangDriver's Wait checks every count at 0) let it reach the
        /// handler. One call of another shape — a count and a size of one each — is refused by such an entry
        /// before any handler runs, and shows the entry; the crash stays recorded (a finding spec init reports).
        /// </summary>
        SurveyedSelector Retry(uint selector, string crash)
        {
            var sink = new List<DispatchEntry>();
            try
            {
                Reopen();
                entries.TakeDispatchEntries(sink);
                sink.Clear();
                var result = transport.Call(_connection, selector, [], [1], [0], new ulong[1], new byte[1]).Return;
                entries.TakeDispatchEntries(sink);
                return new SurveyedSelector(selector, result, Distinct(sink, selector), crash);
            }
            catch (Exception e) when (e is DextCrashedException or DextHungException)
            {
                _connection = 0;
                return new SurveyedSelector(selector, default, [], crash);
            }
        }

        void Reopen()
        {
            var open = transport.Open(service, type, accessIds, out _connection);
            if (!open.IsSuccess) throw new SurveyException($"reopening {service} failed with {open.Name ?? open.ToString()}: {transport.LastError()}");
        }

        public void Close()
        {
            if (_connection != 0) CloseQuietly(transport, _connection);
            _connection = 0;
        }

        static ImmutableArray<DispatchEntry> Distinct(List<DispatchEntry> seen, uint selector)
        {
            var distinct = ImmutableArray.CreateBuilder<DispatchEntry>();
            foreach (var entry in seen.Where(e => e.Selector == selector))
                if (!distinct.Any(d => d.SameChecks(entry))) distinct.Add(entry);
            return distinct.ToImmutable();
        }
    }
}

/// <summary>The dext could not be surveyed (no service, no client could open it): one line for the user.</summary>
public sealed class SurveyException(string message) : Exception(message);
