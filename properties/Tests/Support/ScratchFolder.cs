namespace ConformanceKit.Properties.Tests.Support;

/// <summary>A private temporary folder for a fixture's files, removed with everything in it when disposed.</summary>
public sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
