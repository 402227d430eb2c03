using ConformanceKit.Spec;

using ConformanceKit.Testing;

namespace ConformanceKit.Tests.Support;

/// <summary>Specs used across tests.</summary>
public static class Specs
{
    static DispatchSpec? _nullDriver;

    /// <summary>The NullDriver sample's spec from dext/, with the fake's bundle identifier.</summary>
    public static DispatchSpec NullDriver => _nullDriver ??= SpecLoader.LoadFile(RepoPaths.NullDriverSpec) with { BundleIdentifier = FakeNullDriver.Identifier };
}
