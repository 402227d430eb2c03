namespace ConformanceKit.Contracts.Tests;

/// <summary>The one atomic writer: whole files or none, its folders created, no temporary file left behind on failure.</summary>
[TestFixture]
public class AtomicFileTests : FolderTest
{
    [Test]
    public void WritesTheFileAndItsFoldersAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(Folder, "a", "b", "finding.json");
        AtomicFile.Write(path, "{}\n");
        AtomicFile.Write(path, "{ }\n");
        Assert.That(File.ReadAllText(path), Is.EqualTo("{ }\n"));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void AFailedWriteLeavesNeitherTheFileNorATemporaryOne()
    {
        var target = Path.Combine(Folder, "taken");
        Directory.CreateDirectory(target); // a folder where the file should go: the rename fails
        Assert.That(() => AtomicFile.Write(target, "x"), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
        Assert.That(Directory.GetFileSystemEntries(Folder), Is.EqualTo(new[] { target }));
    }

    [Test]
    public void ADeviceIsWrittenInPlace()
    {
        AtomicFile.Write("/dev/null", "nothing\n");
        Assert.That(File.Exists("/dev/null"), Is.True, "the device is still there, not replaced by a file");
    }
}
