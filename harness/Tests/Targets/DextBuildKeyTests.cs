using System.Diagnostics;
using ConformanceKit.IOKit;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Support;
using ConformanceKit.Transports;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// Builds keyed by folder and content (dext/build-dext.sh, <see cref="DextTarget"/>): two copies of the
/// ProbeDriver test dext, both named ProbeDriver, differing in one line — the byte selector 2 fills its
/// output with. The copies live under build/test-dexts/ so that their build trees are reused from run
/// to run (the first run builds the runtime once per copy; later runs recompile the copies' own files),
/// and a lock file keeps two test runs in one checkout from sharing them at once. Release builds only.
/// </summary>
[NonParallelizable]
public class DextBuildKeyTests
{
    const DextVariant Release = DextVariant.Release;
    const string FillLine = "memset(bytes, 0x5a, length);";
    static readonly string Work = Path.Combine(RepositoryLayout.Root, "build", "test-dexts", nameof(DextBuildKeyTests));

    FileStream? _lock;
    DextTarget _one = null!;
    DextTarget _two = null!;

    [OneTimeSetUp]
    public void CopyTheDext()
    {
        Directory.CreateDirectory(Work);
        _lock = Lock(Path.Combine(Work, ".lock"));
        _one = Copy("one", 0x5a);
        _two = Copy("two", 0x6b);
    }

    [OneTimeTearDown]
    public void Unlock() => _lock?.Dispose();

    [Test]
    public void SameNamedFoldersBuildApartAndEachRunsItsOwnCode()
    {
        Assert.That(_two.Name, Is.EqualTo(_one.Name));
        Assert.That(_two.OutputDirectory, Is.Not.EqualTo(_one.OutputDirectory));
        _one.Build(Release);
        _two.Build(Release);
        _one.Build(Release); // up to date: must not take the other folder's build for its own
        Assert.Multiple(() =>
        {
            Assert.That(Fill(_one), Is.EqualTo(Bytes(0x5a)));
            Assert.That(Fill(_two), Is.EqualTo(Bytes(0x6b)));
        });
    }

    [Test]
    public void ADeletedOutputFolderIsRebuilt()
    {
        _one.Build(Release);
        Directory.Delete(_one.OutputDirectory, recursive: true);
        _one.Build(Release);
        Assert.That(File.Exists(_one.HostPath(Release)), Is.True);
        Assert.That(Fill(_one), Is.EqualTo(Bytes(0x5a)));
    }

    [Test]
    public void DeletedPartsOfTheBuildTreeAreRecreated()
    {
        _one.Build(Release);
        var tree = BuildTree(_one);
        Assert.That(Directory.Exists(tree), Is.True, $"the CMake tree of {_one.Directory} is {tree}");
        Directory.Delete(_one.OutputDirectory, recursive: true);
        File.Delete(Path.Combine(tree, "CMakeCache.txt"));
        Directory.Delete(Path.Combine(tree, "CMakeFiles", $"{_one.Name}_release.dir"), recursive: true);
        _one.Build(Release);
        Assert.That(Fill(_one), Is.EqualTo(Bytes(0x5a)));
    }

    [Test]
    public void AnEditThatKeepsTheModificationTimeStillRebuilds()
    {
        _two.Build(Release);
        Assert.That(Fill(_two), Is.EqualTo(Bytes(0x6b)));
        var source = Path.Combine(_two.Directory, "ProbeUserClient.cpp");
        var text = File.ReadAllText(source);
        var time = File.GetLastWriteTimeUtc(source);
        try
        {
            File.WriteAllText(source, text.Replace(FillText(0x6b), FillText(0x7c)));
            File.SetLastWriteTimeUtc(source, time);
            _two.Build(Release);
            Assert.That(Fill(_two), Is.EqualTo(Bytes(0x7c)));
        }
        finally
        {
            File.WriteAllText(source, text);
            File.SetLastWriteTimeUtc(source, time);
        }
    }

    [Test]
    public void ByHandTheScriptBuildsIntoTheSameFolderAndASpecEditRebuildsNothing()
    {
        _one.Build(Release);
        var library = _one.LibraryPath(Release);
        var built = File.GetLastWriteTimeUtc(library);
        File.AppendAllText(Path.Combine(_one.Directory, "spec.yaml"), "# edited\n");
        var printed = RunBuildScript(_one.Directory, "--variant", "release");
        Assert.Multiple(() =>
        {
            Assert.That(printed.Trim(), Is.EqualTo(Path.Combine(CanonicalPath.Of(_one.OutputDirectory), "release", $"lib{_one.Name}.so")));
            Assert.That(File.GetLastWriteTimeUtc(library), Is.EqualTo(built), "spec.yaml is not part of the build");
        });
    }

    [Test]
    public void AFolderReachedThroughASymlinkIsTheSameFolder()
    {
        var link = Path.Combine(Work, "link");
        if (File.Exists(link) || Directory.Exists(link)) File.Delete(link);
        File.CreateSymbolicLink(link, Path.Combine(Work, "one"));
        var viaLink = DextTarget.Resolve(Path.Combine(link, "ProbeDriver"));
        Assert.Multiple(() =>
        {
            Assert.That(viaLink.CanonicalDirectory, Is.EqualTo(_one.CanonicalDirectory));
            Assert.That(viaLink.OutputDirectory, Is.EqualTo(_one.OutputDirectory));
        });
    }

    static string FillText(byte fill) => FillLine.Replace("0x5a", $"0x{fill:x2}");

    static byte[] Bytes(byte fill) => [fill, fill, fill, fill];

    static string BuildTree(DextTarget target) =>
        Path.Combine(RepositoryLayout.Root, "build", "dext-build", Path.GetFileName(target.OutputDirectory));

    /// <summary>A fresh copy of dext/tests/dexts/ProbeDriver in Work/PARENT/ProbeDriver whose selector 2 fills with FILL.</summary>
    static DextTarget Copy(string parent, byte fill)
    {
        var source = Path.Combine(RepoPaths.Root, "dext", "tests", "dexts", "ProbeDriver");
        var copy = Path.Combine(Work, parent, "ProbeDriver");
        if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var userClient = Path.Combine(copy, "ProbeUserClient.cpp");
        var text = File.ReadAllText(userClient);
        Assert.That(text, Does.Contain(FillLine), "ProbeDriver's selector 2 changed: update this test's one-line difference");
        File.WriteAllText(userClient, text.Replace(FillLine, FillText(fill)));
        // These tests build the dext and call it directly; the build reads only the spec's build settings and lists (none).
        File.WriteAllText(Path.Combine(copy, "spec.yaml"), "specVersion: 1\ndext: ProbeDriver\nselectors:\n  - selector: 2\n");
        return DextTarget.Resolve(copy);
    }

    /// <summary>What selector 2 (ReturnData) writes into a 4-byte output, through the dext's release dexthost.</summary>
    static byte[] Fill(DextTarget target)
    {
        using var transport = new SocketTransport(target.HostPath(Release), TimeSpan.FromSeconds(30));
        Assert.That(transport.Open("ProbeDriver", 0, ["com.example.ProbeDriver"], out var connection), Is.EqualTo(IOReturn.Success));
        var output = new byte[4];
        var result = transport.Call(connection, 2, [], [4], [], [], output);
        Assert.That(result, Is.EqualTo(new CallResult(IOReturn.Success, 0, 4)));
        return output;
    }

    static string RunBuildScript(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryLayout.BuildScript);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, stderr.Result);
        return stdout;
    }

    /// <summary>An exclusive lock on PATH (flock under the hood), waiting for another test run to let go.</summary>
    static FileStream Lock(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(20);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }
}
