namespace ConformanceKit.Contracts.Tests;

/// <summary>A test with a folder of its own, removed after each test.</summary>
public abstract class FolderTest
{
    protected string Folder { get; private set; } = null!;

    [SetUp]
    public void CreateFolder() => Folder = Directory.CreateTempSubdirectory("ck-contracts-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(Folder, recursive: true);
}
