using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Support;
using ConformanceKit.Tests.Transports;
using ConformanceKit.Transports;
using ConformanceKit.Transports.InProcess;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Runner;

/// <summary>
/// AFL++ runs an input again and again and counts the map cells that change as instability. A
/// program's edges must not depend on the program before it. What a program leaves — a connection
/// still open when the fuzzer's runner stopped at a violation, callbacks registered on it — is torn
/// down at its own end (<see cref="ITearDown"/>), its Stop and free counted for it; left to the next
/// program's reset, they were counted for whatever input came next (the fast variant's stability
/// was 93 %, with NullDriver's Stop and free among the cells that changed). And the reset that begins
/// a program counts nothing: it tears down nothing of that program's — in a fresh copy of dexthost,
/// after a crash, the boot the copy made for its session (the asan variant's 92.7 %).
/// </summary>
public unsafe class CoverageStabilityTests
{
    const int MapSize = 1 << 16;

    // NullDriver's known missing completion: the fuzzer's runner stops at it, leaving its connection
    // and the two callbacks registered on it.
    const string StopsAtAViolation = "open c0\nasync c0 4 refcon=1 in=u64:0,0 struct_out=16\nasync c0 4 refcon=1 in=u64:0,0 struct_out=16\nwait 7001ms\n";
    const string Plain = "open c0\ncall c0 0 in=u64:1\n";

    [Test]
    public void InProcessAProgramsEdgesDoNotDependOnTheProgramBeforeIt()
    {
        var map = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(MapSize);
        try
        {
            using var transport = new InProcessTransport(NullDriverBuilds.LibraryPath(DextVariant.Cov));
            transport.AttachCoverageMap(new AflCoverageMap((nint)map, null, MapSize));
            var runner = new ProgramRunner(Specs.NullDriver, transport, RunnerOptions.Fuzzing);

            byte[] EdgesOf(Program program)
            {
                new Span<byte>(map, MapSize).Clear();
                runner.Run(program);
                return new Span<byte>(map, MapSize).ToArray();
            }

            runner.Run(P.Program(Plain));
            var afterItself = EdgesOf(P.Program(Plain));
            Assert.That(runner.Run(P.Program(StopsAtAViolation)).Violations, Is.Not.Empty, "the program before stops at a violation");
            var afterTheOther = EdgesOf(P.Program(Plain));
            transport.SetCoverageMap(null, 0); // before the map is freed: disposing resets the dext
            Assert.That(afterItself.Count(b => b != 0), Is.GreaterThan(0), "the cov build counts edges");
            Assert.That(Enumerable.Range(0, MapSize).Where(k => afterItself[k] != afterTheOther[k]), Is.Empty,
                "map cells the program before changed");
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(map);
        }
    }

    /// <summary>
    /// A crashing input runs first in a copy of dexthost that has run other programs, then — it
    /// crashed that copy — in a fresh one, which booted the dext for its session. Its edges are the
    /// same both times.
    /// </summary>
    [Test]
    public void OnTheSocketACrashingProgramsEdgesDoNotDependOnTheCopyItRunsIn()
    {
        var shmId = Libc.ShmGet(Libc.IpcPrivate, MapSize, Libc.IpcCreat | 0x180 /* 0600 */);
        Assert.That(shmId, Is.GreaterThanOrEqualTo(0), "shmget");
        var map = (byte*)Libc.ShmAt(shmId, 0, 0);
        try
        {
            using var transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.AsanCov), TimeSpan.FromSeconds(5));
            transport.AttachCoverageMap(shmId);
            var runner = new ProgramRunner(Specs.NullDriver, transport, RunnerOptions.Fuzzing);
            var crashing = P.Program("open c0\ncall c0 1 in=01 struct_out=16\n");

            byte[] EdgesOf(Program program)
            {
                new Span<byte>(map, MapSize).Clear();
                Assert.That(runner.Run(program).Crash, Is.Not.Null, "NullDriver's known overflow crashes the copy");
                return new Span<byte>(map, MapSize).ToArray();
            }

            runner.Run(P.Program(Plain));
            var inAnOldCopy = EdgesOf(crashing);
            var inAFreshCopy = EdgesOf(crashing);
            Assert.That(transport.HostStarts, Is.EqualTo(2));
            Assert.That(Enumerable.Range(0, MapSize).Where(k => inAnOldCopy[k] != inAFreshCopy[k]), Is.Empty,
                "map cells that depend on the copy");
        }
        finally
        {
            Libc.ShmDt((nint)map);
            Libc.ShmCtl(shmId, Libc.IpcRmid, 0);
        }
    }
}
