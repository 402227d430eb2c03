using System.Collections.Concurrent;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Transports;

/// <summary>
/// The NullDriver sample built through dext/build-dext.sh, as the CLI builds it, once per variant and
/// test run. A failing build fails the test that needs it, with the build's own error line.
/// </summary>
internal static class NullDriverBuilds
{
    static readonly ConcurrentDictionary<DextVariant, Lazy<DextTarget>> Built = new();

    public static string HostPath(DextVariant variant) => Target(variant).HostPath(variant);

    public static string LibraryPath(DextVariant variant) => Target(variant).LibraryPath(variant);

    static DextTarget Target(DextVariant variant) =>
        Built.GetOrAdd(variant, v => new Lazy<DextTarget>(() =>
        {
            var target = DextTarget.Resolve(Path.Combine(RepoPaths.Root, "dext", "NullDriver"));
            target.Build(v);
            return target;
        })).Value;
}
