using ConformanceKit.Spec;

namespace ConformanceKit.Targets;

/// <summary>
/// The sources of a dext and what they read: the .iig files dkiig turns into headers and code, the
/// files compiled, the include folders, and every file the compiler can read through them (the
/// inputs the build key and the reproducer identity hash). Made from the dext folder as it is
/// (<see cref="Default"/>) or from the spec's sources: and include: lists (<see cref="Listed"/>).
/// </summary>
internal sealed record SourceSet(IReadOnlyList<string> Iigs, IReadOnlyList<string> Compiled, IReadOnlyList<string> IncludeDirectories, IReadOnlyList<string> Inputs)
{
    /// <summary>
    /// No sources: list — what the build always did: the top-level .iig and .cpp files, the folder on
    /// the include path, and every source or header at any depth as inputs (a .cpp may include sub/x.h),
    /// plus the headers of the include: folders.
    /// </summary>
    public static SourceSet Default(string directory, IReadOnlyList<string> includeDirectories)
    {
        var top = Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToArray();
        var iigs = top.Where(SourceKinds.IsIig).ToArray();
        var compiled = top.Where(f => Path.GetExtension(f) == ".cpp").ToArray();
        if (iigs.Length == 0 || compiled.Length == 0)
            throw new TargetException($"{directory}: no .iig or no .cpp file at its top level: not a dext folder (sources in subfolders: list them under sources: in its spec.yaml)");
        var includes = new[] { directory }.Concat(includeDirectories).Distinct(StringComparer.Ordinal).ToArray();
        var inputs = DextSources.Files(directory).Concat(includeDirectories.SelectMany(Includable));
        return new SourceSet(iigs, compiled, includes, inputs.Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The sources: list: the files it names (globs over the known extensions), their folders on the
    /// include path like Xcode's header map finds a project's headers by name, then the include:
    /// folders; inputs are the listed files and every includable file under those folders.
    /// </summary>
    public static SourceSet Listed(string specPath, SpecPathList sources, IReadOnlyList<string> includeDirectories)
    {
        var specDirectory = Path.GetDirectoryName(specPath)!;
        var files = sources.Entries.SelectMany(entry => ListedFiles(specPath, specDirectory, entry)).Distinct(StringComparer.Ordinal).ToArray();
        var iigs = files.Where(SourceKinds.IsIig).ToArray();
        var compiled = files.Where(SourceKinds.IsCompiled).ToArray();
        if (iigs.Length == 0) throw new SpecException(specPath, sources.Line, "sources: no .iig file listed (a dext has at least one class declared in an .iig)");
        if (compiled.Length == 0) throw new SpecException(specPath, sources.Line, "sources: no .cpp file listed");
        if (iigs.GroupBy(Path.GetFileNameWithoutExtension, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
            throw new SpecException(specPath, sources.Line, $"sources: two .iig files named {clash.Key}.iig ({string.Join(", ", clash)}): dkiig makes {clash.Key}.h of each, and a .cpp could include only one");
        var folders = files.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal).ToArray();
        var includes = folders.Concat(includeDirectories).Distinct(StringComparer.Ordinal).ToArray();
        var inputs = files.Concat(includes.SelectMany(Includable)).Distinct(StringComparer.Ordinal).ToArray();
        return new SourceSet(iigs, compiled, includes, inputs);
    }

    /// <summary>The include: list: folders (globs allowed), each one that exists.</summary>
    public static IReadOnlyList<string> IncludeFolders(string specPath, SpecPathList? include)
    {
        if (include is null) return [];
        var specDirectory = Path.GetDirectoryName(specPath)!;
        var result = new List<string>();
        foreach (var entry in include.Entries)
        {
            var folders = PathGlob.Match(specDirectory, entry.Pattern, folders: true);
            if (folders.Count == 0)
            {
                var full = Path.GetFullPath(entry.Pattern, specDirectory);
                throw new SpecException(specPath, entry.Line, File.Exists(full) && !PathGlob.IsGlob(entry.Pattern)
                    ? $"include: '{entry.Pattern}' is a file; list the folder it is in ({Path.GetDirectoryName(entry.Pattern.TrimEnd('/')) switch { null or "" => ".", var d => d }})"
                    : $"include: '{entry.Pattern}' matches no folder (paths are relative to {specDirectory})");
            }
            result.AddRange(folders);
        }
        return result.Distinct(StringComparer.Ordinal).ToArray();
    }

    static IEnumerable<string> ListedFiles(string specPath, string specDirectory, SpecPathPattern entry)
    {
        var matches = PathGlob.Match(specDirectory, entry.Pattern, folders: false);
        if (!PathGlob.IsGlob(entry.Pattern))
        {
            var full = Path.GetFullPath(entry.Pattern, specDirectory);
            if (Directory.Exists(full))
                throw new SpecException(specPath, entry.Line, $"sources: '{entry.Pattern}' is a folder; list its files ({entry.Pattern.TrimEnd('/')}/*.cpp, {entry.Pattern.TrimEnd('/')}/**/*.iig)");
            if (matches.Count == 0) throw new SpecException(specPath, entry.Line, $"sources: '{entry.Pattern}' does not exist (paths are relative to {specDirectory})");
            if (!SourceKinds.IsSource(full))
                throw new SpecException(specPath, entry.Line, $"sources: '{entry.Pattern}' is not a source or header ({string.Join(" ", DextSources.Extensions)})");
            return matches;
        }
        var sources = matches.Where(SourceKinds.IsSource).ToArray();
        if (sources.Length == 0)
            throw new SpecException(specPath, entry.Line, $"sources: '{entry.Pattern}' matches no source or header file (paths are relative to {specDirectory})");
        return sources;
    }

    /// <summary>What an #include through this folder can read: includable files at any depth, hidden ones left out.</summary>
    static IEnumerable<string> Includable(string folder) => PathGlob.Match(folder, "**", folders: false).Where(SourceKinds.IsIncludable);
}
