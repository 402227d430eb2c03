using System.Collections.Concurrent;
using ConformanceKit.Properties.Engine;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports;
using ConformanceKit.Transports.MacOS;

namespace ConformanceKit.Properties.Tests.Support;

/// <summary>One built dext and open transport per dext folder, shared by the suite's tests and closed at the end.</summary>
public static class SuiteSessions
{
    /// <param name="Hangs">Where this dext hangs, shared by its tests as by the properties of one check.</param>
    public sealed record DextSession(DextTarget Target, DispatchSpec Spec, IDextTransport Transport, string Variant, HangTracker Hangs);

    static readonly ConcurrentDictionary<string, Lazy<DextSession>> Sessions = new(StringComparer.Ordinal);

    public static DextSession For(string dextDirectory) =>
        Sessions.GetOrAdd(dextDirectory, dir => new Lazy<DextSession>(() => Open(dir))).Value;

    static DextSession Open(string directory)
    {
        var target = DextTarget.Resolve(directory);
        var spec = target.LoadSpec();
        var variant = DextVariants.Parse(SuiteSettings.Variant);
        IOKitTransports.Register(); // CK_TRANSPORT=iokit on a Mac
        var transport = TransportFactory.Create(TransportKinds.Parse(SuiteSettings.Transport), target, variant, spec, TimeSpan.FromSeconds(5));
        return new DextSession(target, spec, transport, SuiteSettings.Variant, new HangTracker());
    }

    public static void CloseAll()
    {
        foreach (var session in Sessions.Values.Where(s => s.IsValueCreated)) session.Value.Transport.Dispose();
        Sessions.Clear();
    }
}
