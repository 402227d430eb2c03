using System.Collections.Immutable;

namespace ConformanceKit.Spec;

/// <summary>
/// How the dext is built from its files, as real Xcode projects need it described: the build settings
/// Info.plist and the entitlements refer to (<c>build:</c>), which entitlements file of several to
/// use (<c>build.entitlements</c>) and where Info.plist is (<c>build.infoPlist</c>), and which sources and
/// header folders make up the dext (<c>sources:</c>, <c>include:</c>). Everything is optional; without it
/// the dext folder is built as it always was (its top-level .iig and .cpp files, Info.plist, the one
/// *.entitlements). The defaults and the expansion live in harness/Core/Targets (BuildSettingDefaults).
/// </summary>
/// <param name="Line">The line of <c>build:</c>, 0 when the spec has none.</param>
public sealed record BuildSpec(
    ImmutableArray<BuildSetting> Settings,
    SpecPathPattern? Entitlements,
    SpecPathPattern? InfoPlist,
    SpecPathList? Sources,
    SpecPathList? Include,
    int Line)
{
    /// <summary>No build section, no lists: the folder as it is.</summary>
    public static BuildSpec Default { get; } = new([], null, null, null, null, 0);

    public BuildSetting? Find(string name) => Settings.FirstOrDefault(s => s.Name == name);
}
