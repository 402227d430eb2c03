using System.Security.Cryptography;
using System.Text;
using ConformanceKit.Spec;

namespace ConformanceKit.Targets;

/// <summary>
/// A dext folder (its .iig/.cpp sources, Info.plist, entitlements and spec.yaml) and its builds, made on
/// demand through the bring-your-own-dext path (dext/build-dext.sh), from the plan its spec makes of it
/// (<see cref="DextPlan"/>: which files, which build settings).
/// </summary>
/// <remarks>
/// Builds are keyed by the folder, never by the dext's name alone: two folders named MyDriver (a copy
/// with one line changed, another checkout) build into build/dexts/MyDriver-&lt;id&gt; each, id being the
/// first 12 hex digits of the SHA-256 of the folder's canonical path, exactly as build-dext.sh derives
/// its default output. Within it, each variant's build.key holds the content key the outputs were built
/// from, and build-dext.sh rebuilds whenever it no longer matches, so <see cref="Build"/> is always
/// called before the outputs are used (it is a no-op when they are current). The reference dexts are
/// built this way too, not taken from dext/run-tests.sh's CMake tree: two trees writing one output
/// folder is what let builds of different sources pass for each other.
/// </remarks>
public sealed class DextTarget
{
    DextTarget(string directory, string specPath, bool specOptional)
    {
        _specOptional = specOptional;
        Directory = directory;
        Name = Path.GetFileName(directory.TrimEnd('/'));
        SpecPath = specPath;
        CanonicalDirectory = CanonicalPath.Of(directory);
        OutputDirectory = Path.Combine(RepositoryLayout.BuildOutput, $"{Name}-{Identity(CanonicalDirectory)}");
    }

    public string Directory { get; }
    public string Name { get; }
    public string SpecPath { get; }

    /// <summary>The folder with symlinks resolved: its identity.</summary>
    public string CanonicalDirectory { get; }

    /// <summary>build/dexts/&lt;Name&gt;-&lt;id&gt;: this folder's builds, one subfolder per variant.</summary>
    public string OutputDirectory { get; }

    /// <summary>12 hex digits of SHA-256 over the canonical path (build-dext.sh: printf %s DIR | sha256sum).</summary>
    public static string Identity(string canonicalDirectory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalDirectory)))[..12];

    /// <summary>Identity of what the dext is built from (<see cref="DextSources.Identity(DextPlan)"/>), as reproducers name it.</summary>
    public string Sources => _sources ??= DextSources.Identity(Plan());

    /// <summary>What a build of the folder is made of now (<see cref="DextPlan"/>), from the spec as it is now.</summary>
    /// <exception cref="SpecException">the spec, or a path or setting it names, cannot be used.</exception>
    /// <exception cref="TargetException">the folder is no dext folder, or Info.plist uses an unknown setting.</exception>
    public DextPlan Plan() => DextPlan.For(Directory, HasSpec ? LoadSpec() : null);

    /// <summary>False only for a folder resolved with specOptional whose spec does not exist (yet): it builds with the defaults.</summary>
    public bool HasSpec => !_specOptional || File.Exists(SpecPath);

    readonly bool _specOptional;

    /// <summary>build/dexts/&lt;Name&gt;-&lt;id&gt;/plan: where the plan of each build is written for build-dext.sh.</summary>
    public string PlanDirectory => Path.Combine(OutputDirectory, "plan");

    string? _sources;

    /// <param name="specOptional">`spec init`: the folder may have no spec yet (it is then built with the defaults).</param>
    /// <exception cref="TargetException">the folder or its spec does not exist, or a path is empty or of the wrong kind.</exception>
    public static DextTarget Resolve(string directory, string? specPath = null, bool specOptional = false)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new TargetException("the dext folder is an empty path");
        var full = Path.GetFullPath(directory);
        if (File.Exists(full)) throw new TargetException($"{full} is a file; a dext is a folder (its sources, Info.plist and spec.yaml)");
        if (!System.IO.Directory.Exists(full)) throw new TargetException($"dext folder not found: {full}");
        if (specPath is not null && string.IsNullOrWhiteSpace(specPath)) throw new TargetException("the spec is an empty path");
        var spec = Path.GetFullPath(specPath ?? Path.Combine(full, "spec.yaml"));
        if (System.IO.Directory.Exists(spec)) throw new TargetException($"{spec} is a directory; give the spec file (e.g. {Path.Combine(spec, "spec.yaml")})");
        if (!specOptional && !File.Exists(spec))
            throw new TargetException($"no spec: {spec} does not exist (draft one with `spec init`, see README 'The spec format', or pass --spec)");
        return new DextTarget(full, spec, specOptional);
    }

    public DispatchSpec LoadSpec() => SpecLoader.LoadFile(SpecPath);

    public string LibraryPath(DextVariant variant) => Path.Combine(OutputDirectory, variant.Name(), $"lib{Name}.so");

    public string HostPath(DextVariant variant) => Path.Combine(OutputDirectory, variant.Name(), "dexthost");

    /// <summary>Builds (incrementally) the variant through dext/build-dext.sh; the build's own error line on failure.</summary>
    public void Build(DextVariant variant, TextWriter? log = null) => DextBuilder.Build(this, variant, log);
}
