using ConformanceKit.Properties.Tests.Support;

namespace ConformanceKit.Properties.Tests;

/// <summary>Closes the dext hosts the suite opened, once every test in this assembly has run.</summary>
[SetUpFixture]
public sealed class SuiteLifetime
{
    [OneTimeTearDown]
    public void CloseTransports() => SuiteSessions.CloseAll();
}
