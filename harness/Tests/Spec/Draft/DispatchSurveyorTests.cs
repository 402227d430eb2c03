using ConformanceKit.IOKit;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Draft;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Transports;
using ConformanceKit.Transports;
using ConformanceKit.Transports.InProcess;

namespace ConformanceKit.Tests.Spec.Draft;

/// <summary>The survey of the NullDriver sample, in-process: its table, the two selectors it answers itself, its service and policy.</summary>
public class DispatchSurveyorTests
{
    [Test]
    public void NullDriverShowsItsTableItsOwnSelectorsAndItsPolicy()
    {
        using var transport = new InProcessTransport(NullDriverBuilds.LibraryPath(DextVariant.Release));
        var survey = DispatchSurveyor.Survey(transport, ["NoSuchService", "NullDriver"], "com.example.NullDriver");
        Assert.Multiple(() =>
        {
            Assert.That(survey.Service, Is.EqualTo("NullDriver"), "the first name a service is registered under");
            Assert.That(survey.Access, Is.EqualTo(AccessPolicy.Any));
            Assert.That(survey.OutOfRange, Is.EqualTo(new[] { IOReturn.Unsupported }));
            Assert.That(survey.Selectors.Select(s => s.Selector), Is.EqualTo(new uint[] { 0, 1, 2, 3, 4, 5 }));
            Assert.That(survey.Tried, Is.EqualTo(5 + 1 + DispatchSurveyor.MissRun), "0..5, then a run of misses");
            Assert.That(survey.Find(0)!.AnsweredWithoutEntry, "Scalar never reaches super::ExternalMethod");
            Assert.That(survey.Find(1)!.AnsweredWithoutEntry);
            Assert.That(survey.Find(3)!.Entry!.CheckStructureInputSize, Is.EqualTo(16u));
            Assert.That(survey.Find(5)!.Entry!.CheckCompletionExists, Is.EqualTo(DispatchEntry.Variable));
        });
    }

    [Test]
    public void NullDriversAsyncProtocolIsObservedAndItsArgumentsInferred()
    {
        using var transport = new InProcessTransport(NullDriverBuilds.LibraryPath(DextVariant.Release));
        var survey = DispatchSurveyor.Survey(transport, ["NullDriver"], "com.example.NullDriver");
        var async = AsyncSurveyor.Survey(transport, survey, out var crash);
        Assert.That(crash, Is.Null);
        Assert.That(async, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(async!.Register, Is.EqualTo(4u));
            Assert.That(async.RegisterCompletes, "registering arms the timer");
            Assert.That(async.Requests, Is.EqualTo(new uint[] { 5 }));
            Assert.That(async.RequestsComplete);
            Assert.That(async.RefusedBeforeRegister, Is.EqualTo(new[] { IOReturn.Error }), "the sample answers kIOReturnError before registration");
            Assert.That(async.DelayNs, Is.EqualTo(5_000_000_000UL));
            Assert.That(async.Status, Is.EqualTo(IOReturn.Success));
            Assert.That(async.Args, Is.EqualTo(new[] { "2", "in.u64[0] + 1", "in.u64[1] + 10" }));
            Assert.That(async.Limit, Is.Null, "the sample re-arms its one timer: no request is ever refused for a full queue");
        });
        var spec = SpecLoader.Parse(SpecDraftWriter.Write("NullDriver", survey, new DraftObservations(async)), "draft.yaml");
        Assert.That(spec.Async!.Args.Length, Is.EqualTo(3));
        Assert.That(spec.RegisterSelector!.Selector, Is.EqualTo(4u));
        Assert.That(spec.Find(5)!.Role, Is.EqualTo(AsyncRole.Request));
    }

    [Test]
    public void NoRegisteredServiceIsOneLine()
    {
        using var transport = new InProcessTransport(NullDriverBuilds.LibraryPath(DextVariant.Release));
        Assert.That(() => DispatchSurveyor.Survey(transport, ["Nothing"], null),
            Throws.TypeOf<SurveyException>().With.Message.EqualTo("no service of the dext is registered under Nothing; name it with --service"));
    }
}
