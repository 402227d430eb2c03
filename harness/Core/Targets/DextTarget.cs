using ConformanceKit.Spec;

namespace ConformanceKit.Targets;

/// <summary>
/// A dext folder (its .iig/.cpp sources, Info.plist, entitlements and spec.yaml) and its builds, made on
/// demand through the bring-your-own-dext path (dext/build-dext.sh).
/// </summary>
public sealed class DextTarget
{
    DextTarget(string directory, string specPath)
    {
        Directory = directory;
        Name = Path.GetFileName(directory.TrimEnd('/'));
        SpecPath = specPath;
    }

    public string Directory { get; }
    public string Name { get; }
    public string SpecPath { get; }
    public string OutputDirectory => Path.Combine(RepositoryLayout.BuildOutput, Name);

    /// <exception cref="TargetException">the folder or its spec does not exist.</exception>
    public static DextTarget Resolve(string directory, string? specPath = null)
    {
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full)) throw new TargetException($"dext folder not found: {full}");
        var spec = Path.GetFullPath(specPath ?? Path.Combine(full, "spec.yaml"));
        if (!File.Exists(spec)) throw new TargetException($"no spec: {spec} does not exist (write one, see README 'The spec format', or pass --spec)");
        return new DextTarget(full, spec);
    }

    public DispatchSpec LoadSpec() => SpecLoader.LoadFile(SpecPath);

    public string LibraryPath(DextVariant variant) => Path.Combine(OutputDirectory, variant.Name(), $"lib{Name}.so");

    public string HostPath(DextVariant variant) => Path.Combine(OutputDirectory, variant.Name(), "dexthost");

    /// <summary>Builds (incrementally) the variant through dext/build-dext.sh; the build's own error line on failure.</summary>
    public void Build(DextVariant variant, TextWriter? log = null) => DextBuilder.Build(this, variant, log);
}
