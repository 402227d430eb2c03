using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Support;
using ConformanceKit.Transports;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>Anywhere but macOS, --transport iokit is a setup error of one line, and nothing is built or loaded.</summary>
public class IOKitTransportOffMacTests
{
    [Test]
    public void FactoryRefusesWithOneLine()
    {
        if (OperatingSystem.IsMacOS()) Assert.Ignore("on macOS the factory makes the real transport");
        var target = DextTarget.Resolve(Path.Combine(RepoPaths.Root, "dext", "NullDriver"), null);
        var spec = SpecLoader.LoadFile(RepoPaths.NullDriverSpec);
        var error = Assert.Throws<TransportSetupException>(() =>
            TransportFactory.Create(TransportKind.IOKit, target, DextVariants.Parse("release"), spec, TimeSpan.FromSeconds(1)));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("--transport iokit needs macOS"));
            Assert.That(error.Message, Does.Not.Contain('\n'));
        });
    }
}
