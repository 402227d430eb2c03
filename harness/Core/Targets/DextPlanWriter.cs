using System.Text;
using ConformanceKit.Contracts;

namespace ConformanceKit.Targets;

/// <summary>
/// Writes a <see cref="DextPlan"/> as the folder dext/build-dext.sh builds from (its --plan):
/// <list type="bullet">
/// <item><c>plan.cmake</c>: the .iig files, sources, include folders and the files to embed, for dext/cmake/AddDext.cmake;</item>
/// <item><c>Info.plist</c>, <c>image.entitlements</c>: the files as embedded (no entitlements file when the dext has none);</item>
/// <item><c>configured/</c>: the headers configured from the dext's header templates (version.hpp from version.hpp.in), on the include path after the dext's own folders;</item>
/// <item><c>inputs</c>: the files the build reads, one per line, relative to the dext folder (with a leading "./") inside it, absolute outside it —
/// what build-dext.sh hashes into its build key (with the three files above).</item>
/// </list>
/// A file is only replaced when its content changes (through <see cref="AtomicFile"/>: a temporary name
/// and a rename), so make sees no change where there is none and two builds writing the same plan at
/// once cannot tear it.
/// </summary>
public static class DextPlanWriter
{
    public const string CMakeFile = "plan.cmake";
    public const string InfoPlistFile = "Info.plist";
    public const string EntitlementsFile = "image.entitlements";
    public const string InputsFile = "inputs";
    public const string ConfiguredFolder = "configured";

    /// <exception cref="TargetException">a path the build would need cannot be passed to CMake (a ';', a line break).</exception>
    public static void Write(DextPlan plan, string folder)
    {
        var layout = plan.Layout;
        foreach (var path in layout.Inputs.Concat(layout.IncludeDirectories).Append(layout.Directory))
            if (path.AsSpan().IndexOfAny(";\n\r") >= 0 || path.Contains("]==]", StringComparison.Ordinal))
                throw new TargetException($"{path.ReplaceLineEndings(" ")}: a path with ';' or a line break cannot be built (CMake lists); rename it");
        Directory.CreateDirectory(folder);
        Replace(Path.Combine(folder, InfoPlistFile), plan.InfoPlist);
        var entitlements = Path.Combine(folder, EntitlementsFile);
        if (plan.Entitlements is { } bytes) Replace(entitlements, bytes);
        else File.Delete(entitlements);
        WriteConfigured(plan, Path.Combine(folder, ConfiguredFolder));
        Replace(Path.Combine(folder, CMakeFile), Encoding.UTF8.GetBytes(CMake(plan)));
        var inputs = layout.Inputs.Select(input => layout.Contains(input) ? "./" + Path.GetRelativePath(layout.Directory, input) : input);
        Replace(Path.Combine(folder, InputsFile), Encoding.UTF8.GetBytes(string.Concat(inputs.Select(i => i + "\n"))));
    }

    static string CMake(DextPlan plan)
    {
        var layout = plan.Layout;
        var text = new StringBuilder();
        text.Append("# The build plan of ").Append(layout.Name).Append(", written by ConformanceKit (harness/Core/Targets/DextPlanWriter.cs) from ")
            .Append(plan.SpecPath.ReplaceLineEndings(" ")).Append(" — do not edit; read by dext/cmake/AddDext.cmake.\n");
        Set(text, "DKSIM_PLAN_IIGS", layout.Iigs);
        Set(text, "DKSIM_PLAN_SOURCES", layout.Sources);
        Set(text, "DKSIM_PLAN_INCLUDES", layout.IncludeDirectories);
        if (plan.ConfiguredHeaders.Count > 0)
            text.Append("list(APPEND DKSIM_PLAN_INCLUDES \"${CMAKE_CURRENT_LIST_DIR}/").Append(ConfiguredFolder).Append("\")\n");
        // Embedded from the plan folder; named in the runtime's boot errors by the user's own file.
        text.Append("set(DKSIM_PLAN_INFO \"${CMAKE_CURRENT_LIST_DIR}/").Append(InfoPlistFile).Append("\")\n");
        Set(text, "DKSIM_PLAN_INFO_NAME", [layout.InfoPlist]);
        if (plan.Entitlements is null) text.Append("set(DKSIM_PLAN_ENTITLEMENTS \"\")\n");
        else text.Append("set(DKSIM_PLAN_ENTITLEMENTS \"${CMAKE_CURRENT_LIST_DIR}/").Append(EntitlementsFile).Append("\")\n");
        Set(text, "DKSIM_PLAN_ENTITLEMENTS_NAME", layout.Entitlements is { } e ? [e] : []);
        return text.ToString();
    }

    /// <summary>The configured headers, and no other file: a template removed since the last plan must not leave its header behind.</summary>
    static void WriteConfigured(DextPlan plan, string folder)
    {
        var wanted = plan.ConfiguredHeaders.ToDictionary(h => ConfigureTemplate.OutputName(h.Key), h => h.Value, StringComparer.Ordinal);
        if (Directory.Exists(folder))
            foreach (var stale in Directory.EnumerateFiles(folder).Where(f => !wanted.ContainsKey(Path.GetFileName(f)) && !IsTemporary(f)))
                File.Delete(stale);
        if (wanted.Count == 0) return;
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in wanted) Replace(Path.Combine(folder, name), bytes);
    }

    /// <summary>set(NAME [==[path]==] ...): bracket arguments, so that no character of a path needs escaping.</summary>
    static void Set(StringBuilder text, string name, IEnumerable<string> paths)
    {
        text.Append("set(").Append(name);
        foreach (var path in paths) text.Append("\n  [==[").Append(path).Append("]==]");
        text.Append(")\n");
    }

    static void Replace(string path, byte[] content)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content)) return;
        AtomicFile.Write(path, content);
    }

    /// <summary>Another build's file on its way in (it renames it in a moment): not stale.</summary>
    static bool IsTemporary(string file)
    {
        var name = Path.GetFileName(file);
        return name.StartsWith(AtomicFile.TemporaryPrefix, StringComparison.Ordinal) && name.EndsWith(AtomicFile.TemporarySuffix, StringComparison.Ordinal);
    }
}
