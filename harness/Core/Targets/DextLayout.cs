using ConformanceKit.Spec;

namespace ConformanceKit.Targets;

/// <summary>
/// Which files make up a dext, resolved against the file system: the sources (<see cref="SourceSet"/>),
/// Info.plist, the entitlements file, and every file the build reads (<see cref="Inputs"/>: what the
/// build key and the reproducer identity hash). The spec may move any of them (build.infoPlist,
/// build.entitlements, sources:, include:, all relative to the spec's folder); otherwise they are the
/// dext folder's, as they always were.
/// </summary>
/// <param name="Directory">The dext folder (full path); its name names the dext and lib&lt;Name&gt;.so.</param>
/// <param name="Entitlements">The entitlements file, or null when the dext has none.</param>
/// <param name="InfoPlist">Info.plist, or the CMake template Info.plist.in when the folder has only that.</param>
/// <param name="HeaderTemplates">CMake header templates (version.hpp.in) in the sources' folders whose
/// output is not checked in beside them: the plan configures each into a header the sources include.</param>
public sealed record DextLayout(
    string Directory,
    string Name,
    IReadOnlyList<string> Iigs,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> IncludeDirectories,
    string InfoPlist,
    string? Entitlements,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> HeaderTemplates)
{
    /// <summary>Whether Info.plist is a CMake template whose @NAME@ the plan fills from the build settings.</summary>
    public bool InfoPlistIsTemplate => InfoPlist.EndsWith(ConfigureTemplate.Suffix, StringComparison.Ordinal);

    /// <exception cref="TargetException">the folder is no dext folder (no sources, no Info.plist, several entitlements and none chosen).</exception>
    /// <exception cref="SpecException">a path the spec names does not exist or is of the wrong kind, naming the spec's line.</exception>
    public static DextLayout Resolve(string directory, DispatchSpec? spec)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var name = Path.GetFileName(folder);
        if (!IsCIdentifier(name))
            throw new TargetException($"{folder}: a dext folder's name must be a C identifier (it names lib{name}.so)");
        var build = spec?.Build ?? BuildSpec.Default;
        var specPath = spec is null ? Path.Combine(folder, "spec.yaml") : Path.GetFullPath(spec.SourcePath);

        // A CMake project keeps Info.plist.in and lets configure_file write Info.plist into its build tree.
        var info = build.InfoPlist is { } infoEntry ? NamedFile(specPath, infoEntry, "build.infoPlist") : Path.Combine(folder, "Info.plist");
        if (build.InfoPlist is null && !File.Exists(info) && File.Exists(info + ConfigureTemplate.Suffix)) info += ConfigureTemplate.Suffix;
        if (!File.Exists(info)) throw new TargetException($"{folder}: Info.plist is missing (nor is there an Info.plist.in template; or name it with build: {{ infoPlist: PATH }} in spec.yaml)");
        var entitlements = build.Entitlements is { } entitlementsEntry ? NamedFile(specPath, entitlementsEntry, "build.entitlements") : TheOnlyEntitlements(folder);

        var includes = SourceSet.IncludeFolders(specPath, build.Include);
        var sources = build.Sources is { } listed ? SourceSet.Listed(specPath, listed, includes) : SourceSet.Default(folder, includes);
        var templates = HeaderTemplatesIn(build.Sources is null ? [folder] : sources.Compiled.Concat(sources.Iigs).Select(f => Path.GetDirectoryName(f)!));
        var inputs = sources.Inputs.Append(info).Concat(entitlements is null ? [] : [entitlements]).Concat(templates)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new DextLayout(folder, name, sources.Iigs, sources.Compiled, sources.IncludeDirectories, info, entitlements, inputs, templates);
    }

    /// <summary>
    /// The header templates at the top of the folders holding the sources (not of include: folders,
    /// which are shared and configured by whoever owns them). A template whose output exists beside it
    /// is left alone: the project checked the configured file in, and that is what it builds with.
    /// </summary>
    static IReadOnlyList<string> HeaderTemplatesIn(IEnumerable<string> folders)
    {
        var templates = folders.Distinct(StringComparer.Ordinal)
            .SelectMany(f => System.IO.Directory.EnumerateFiles(f, "*" + ConfigureTemplate.Suffix))
            .Where(ConfigureTemplate.IsHeaderTemplate)
            .Where(t => !File.Exists(t[..^ConfigureTemplate.Suffix.Length]))
            .Order(StringComparer.Ordinal).ToArray();
        if (templates.GroupBy(ConfigureTemplate.OutputName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
            throw new TargetException($"two templates configure {clash.Key} ({string.Join(", ", clash)}): the sources could include only one");
        return templates;
    }

    /// <summary>Whether a file is in the dext folder (at any depth) rather than shared from outside it.</summary>
    public bool Contains(string path) => path.StartsWith(Directory + "/", StringComparison.Ordinal);

    static string NamedFile(string specPath, SpecPathPattern entry, string what)
    {
        var full = Path.GetFullPath(entry.Pattern, Path.GetDirectoryName(specPath)!);
        if (!File.Exists(full)) throw new SpecException(specPath, entry.Line, $"{what}: '{entry.Pattern}' does not exist (paths are relative to {Path.GetDirectoryName(specPath)})");
        return full;
    }

    /// <summary>The folder's *.entitlements: none, the one, or — one per build configuration — an error listing them.</summary>
    static string? TheOnlyEntitlements(string folder)
    {
        var all = System.IO.Directory.EnumerateFiles(folder, "*.entitlements").Order(StringComparer.Ordinal).ToArray();
        if (all.Length > 1)
        {
            var names = all.Select(Path.GetFileName).ToArray();
            throw new TargetException($"{folder}: several .entitlements files ({string.Join(", ", names)}): name the one to build with in spec.yaml, e.g. build: {{ entitlements: {names[0]} }}");
        }
        return all.FirstOrDefault();
    }

    static bool IsCIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
