using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Testing;
using ConformanceKit.Tests.Support;
using ConformanceKit.Transports;

namespace ConformanceKit.Tests.Runner;

/// <summary>
/// The runner drives the device for a spec with a device: section: the description is handed to the
/// transport, which boots every reset on it; after an unplug the kernel's answers (kIOReturnNotAttached on a call,
/// kIOReturnNoDevice on an open) are shown, not judged; what the runtime saw broken is taken after the
/// device steps and the closes and becomes a finding of its own rule. Without device: nothing is asked.
/// </summary>
public class DeviceObservationTests
{
    static readonly IOReturn NotAttached = new(0xE00002D9);

    /// <summary>The fake NullDriver on a device: unplugging makes its calls NotAttached and its opens NoDevice.</summary>
    sealed class DeviceFake(FakeNullDriver inner) : TransportDecorator(inner)
    {
        public List<string> Descriptions { get; } = [];
        public List<byte[]> Fed { get; } = [];
        public List<RuntimeViolation> Pending { get; } = [];
        public int Takes { get; private set; }
        bool _unplugged, _aborted;

        public override T? Capability<T>() where T : class => typeof(T) == typeof(ISimulatedDevice) ? this as T : base.Capability<T>();

        public override IOReturn DescribeDevice(string description)
        {
            Descriptions.Add(description);
            return IOReturn.Success;
        }

        public override IOReturn FeedDevice(ReadOnlySpan<byte> bytes)
        {
            Fed.Add(bytes.ToArray());
            return IOReturn.Success;
        }

        public override IOReturn UnplugDevice()
        {
            _unplugged = true;
            _aborted = true;
            return IOReturn.Success;
        }

        /// <summary>The unplug fails a transfer in flight: its completion, kIOReturnAborted, reaches the app once.</summary>
        public override void TakeCompletions(ulong connection, List<AsyncCompletion> sink)
        {
            if (_aborted) sink.Add(new AsyncCompletion(ConformanceKit.Programs.AsyncReference.CallbackFor(0), 9, new IOReturn(0xE00002EB), [], 0));
            _aborted = false;
            base.TakeCompletions(connection, sink);
        }

        public override IOReturn RaiseInterrupt(uint index) => IOReturn.Unsupported;

        public override void TakeViolations(List<RuntimeViolation> sink)
        {
            Takes++;
            sink.AddRange(Pending);
            Pending.Clear();
        }

        public override IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection)
        {
            connection = 0;
            return _unplugged ? IOReturn.NoDevice : base.Open(serviceName, type, accessIds, out connection);
        }

        public override CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference, ReadOnlySpan<ulong> scalarInput,
            ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput) =>
            _unplugged ? new CallResult(NotAttached, 0, 0) : base.Call(connection, selector, asyncReference, scalarInput, structInput, scalarOutput, structOutput);

        public override void Reset()
        {
            _unplugged = _aborted = false;
            base.Reset();
        }
    }

    static DispatchSpec WithDevice => Specs.NullDriver with { Device = new DeviceSpec("<plist/>", 1) };

    [Test]
    public void TheDescriptionIsHandedToTheTransportWhichBootsEveryResetOnIt()
    {
        var fake = new DeviceFake(new FakeNullDriver(hardened: true));
        var runner = new ProgramRunner(WithDevice, fake);
        runner.Run(P.Program("open c0\n"));
        runner.Run(P.Program("open c0\n"));
        Assert.That(fake.Descriptions, Is.EqualTo(new[] { "<plist/>" }));
    }

    [Test]
    public void AfterAnUnplugTheKernelsAnswersAreShownNotJudged()
    {
        var fake = new DeviceFake(new FakeNullDriver(hardened: true));
        var result = new ProgramRunner(WithDevice, fake, RunnerOptions.Default).Run(P.Program("""
            open c0
            device-data in=ff01
            unplug
            call c0 2 scalars=1 scalar_out=1
            async c0 4 refcon=1 in=u64:1,2
            open c1
            wait 8s
            close c0
            """));
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.Empty, string.Join("\n", result.Violations));
            Assert.That(result.Observations[3], Does.Contain("kIOReturnNotAttached").And.Contain("the device was unplugged"));
            Assert.That(fake.Fed.Single(), Is.EqualTo(new byte[] { 0xff, 1 }));
            Assert.That(result.OpenProblem, Is.Null, "an open after the unplug is not a set-up problem");
            Assert.That(result.Observations[2], Does.Contain("completion refcon=9 status=kIOReturnAborted"), "shown, not judged");
        });
    }

    [Test]
    public void WhatTheRuntimeSawBrokenIsAFindingOfItsRule()
    {
        var fake = new DeviceFake(new FakeNullDriver(hardened: true));
        fake.Pending.Add(new RuntimeViolation(Rules.DeviceDmaBalance, 5, 1, "IODMACommand::free: freed while prepared (8192 bytes)"));
        var result = new ProgramRunner(WithDevice, fake).Run(P.Program("open c0\nclose c0\n"));
        var violation = result.Violations.Single();
        Assert.That((violation.Rule, violation.Step, violation.Kind), Is.EqualTo((Rules.DeviceDmaBalance, 2, "IODMACommand::free")), "at the close that took it");
        Assert.That(violation.Observed, Does.Contain("freed while prepared"));
    }

    [Test]
    public void WithoutADeviceSectionNothingIsAskedAndDeviceStepsAreSkipped()
    {
        var fake = new DeviceFake(new FakeNullDriver(hardened: true));
        var result = new ProgramRunner(Specs.NullDriver, fake, RunnerOptions.Default).Run(P.Program("open c0\nunplug\ninterrupt 0\nclose c0\n"));
        Assert.Multiple(() =>
        {
            Assert.That((fake.Descriptions.Count, fake.Takes), Is.EqualTo((0, 0)));
            Assert.That(result.Observations[1], Is.EqualTo("skipped: the spec has no device: section"));
            Assert.That(result.Violations, Is.Empty);
        });
    }
}
