using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Testing;
using ConformanceKit.Tests.Support;
using ConformanceKit.Transports;
using ConformanceKit.Transports.Hid;

namespace ConformanceKit.Tests.Runner;

/// <summary>
/// The runner takes the dext's HID events after every step when the spec has a hid: section: they
/// are judged at the step that made them, shown beside its return, and carried into the finding's
/// reproducer as "# hid:" lines. Without hid:, they are not even asked for.
/// </summary>
public class HidObservationTests
{
    static readonly byte[] BootKeyboard = Convert.FromHexString(
        "05010906a101050719e029e71500250175019508810295017508810105081901290595057501910295017503910105071900296515002565750895068100c0");

    /// <summary>The fake NullDriver, whose every call to selector 0 also "posts" a report of as many bytes as it has scalars.</summary>
    sealed class HidFake(FakeNullDriver inner) : TransportDecorator(inner)
    {
        readonly HidEvents _pending = new();
        bool _started;
        public int Takes { get; private set; }

        /// <summary>The fake's own capabilities, and HID reports besides.</summary>
        public override T? Capability<T>() where T : class => typeof(T) == typeof(IHidReports) ? this as T : base.Capability<T>();

        public override CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference, ReadOnlySpan<ulong> scalarInput,
            ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
        {
            if (selector == 0)
            {
                if (!_started) _pending.Devices.Add(new HidDeviceStart(1, 0, (ulong)BootKeyboard.Length, true, "Keyboard", BootKeyboard));
                _started = true;
                _pending.Reports.Add(new HidReport(1, 0, 0, 0, 0, (uint)scalarInput.Length, (ulong)scalarInput.Length, 0, 0, "Keyboard", new byte[scalarInput.Length]));
            }
            return base.Call(connection, selector, asyncReference, scalarInput, structInput, scalarOutput, structOutput);
        }

        public override void TakeHidEvents(HidEvents sink)
        {
            Takes++;
            sink.Devices.AddRange(_pending.Devices);
            sink.Reports.AddRange(_pending.Reports);
            _pending.Clear();
        }

        public override void Reset()
        {
            _started = false;
            _pending.Clear();
            base.Reset();
        }
    }

    static DispatchSpec WithHid => Specs.NullDriver with { Hid = new HidSpec(null, ImmutableArray<HidReportBound>.Empty, 1) };

    [Test]
    public void AReportLongerThanItsDescriptorIsAFindingAtItsStepWithTheEventsInTheReproducer()
    {
        var fake = new HidFake(new FakeNullDriver(hardened: false));
        var result = new ProgramRunner(WithHid, fake).Run(P.Program("""
            open c0
            call c0 0 scalars=1,2,3,4,5,6,7,8 scalar_out=8
            call c0 0 scalars=1,2,3,4,5,6,7,8,9 scalar_out=9
            """));
        var violation = result.Violations.Single(v => v.Rule == Rules.HidReports);
        Assert.Multiple(() =>
        {
            Assert.That((violation.Step, violation.Selector, violation.Kind), Is.EqualTo((3, (uint?)0, "report-too-long:input@Keyboard")));
            Assert.That(result.Observations[1], Does.Contain("; hid: Keyboard#1's report descriptor, 63 bytes"));
            Assert.That(result.HidLog, Has.Count.EqualTo(3));
            var reproducer = Finding.From("NullDriver", result).First().Reproducer();
            Assert.That(reproducer, Does.Contain("# hid: at step 2: Keyboard#1's report descriptor")
                .And.Contain("# hid: at step 3: Keyboard#1 posted an input report, reportLength 9"));
        });
    }

    [Test]
    public void WithoutAHidSectionNothingIsAskedFor()
    {
        var fake = new HidFake(new FakeNullDriver(hardened: false));
        var result = new ProgramRunner(Specs.NullDriver, fake).Run(P.Program("open c0\ncall c0 0 scalars=1,2,3,4,5,6,7,8,9 scalar_out=9\n"));
        Assert.That(fake.Takes, Is.Zero);
        Assert.That(result.HidLog, Is.Null);
        Assert.That(result.Violations.Where(v => v.Rule == Rules.HidReports), Is.Empty);
    }
}
