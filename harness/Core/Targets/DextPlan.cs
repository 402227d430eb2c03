using ConformanceKit.Spec;

namespace ConformanceKit.Targets;

/// <summary>
/// Everything a build of the dext is made of, decided in one place from its folder and its spec: the
/// files (<see cref="DextLayout"/>), the build settings (<see cref="BuildSettings"/>), and Info.plist and
/// the entitlements as the library embeds them — settings expanded, the keys Xcode generates added.
/// The harness writes it for dext/build-dext.sh (<see cref="DextPlanWriter"/>), `conformancekit
/// dext-plan` does when build-dext.sh runs on its own, and the reproducer identity hashes what it names
/// (<see cref="DextSources.Identity(DextPlan)"/>): no other code expands a setting or chooses a file.
/// </summary>
public sealed class DextPlan
{
    DextPlan(DextLayout layout, BuildSettings settings, string specPath, byte[] infoPlist, byte[]? entitlements, IReadOnlyDictionary<string, byte[]> configured)
    {
        Layout = layout;
        Settings = settings;
        SpecPath = specPath;
        InfoPlist = infoPlist;
        Entitlements = entitlements;
        ConfiguredHeaders = configured;
    }

    public DextLayout Layout { get; }

    public BuildSettings Settings { get; }

    /// <summary>The spec the plan was made from (or where it would be, for a folder without one).</summary>
    public string SpecPath { get; }

    /// <summary>Info.plist as embedded: the bytes of <see cref="DextLayout.InfoPlist"/> after expansion.</summary>
    public byte[] InfoPlist { get; }

    /// <summary>The entitlements as embedded, or null when the dext has none.</summary>
    public byte[]? Entitlements { get; }

    /// <summary>Each header template of <see cref="DextLayout.HeaderTemplates"/> (its path) as configured: the header the sources include.</summary>
    public IReadOnlyDictionary<string, byte[]> ConfiguredHeaders { get; }

    /// <param name="directory">The dext folder.</param>
    /// <param name="spec">Its spec, or null to build the folder with the defaults alone.</param>
    /// <exception cref="TargetException">no dext folder, or an unknown setting (file:line).</exception>
    /// <exception cref="SpecException">a path or setting of the spec that cannot be used (spec:line).</exception>
    public static DextPlan For(string directory, DispatchSpec? spec)
    {
        var layout = DextLayout.Resolve(directory, spec);
        var specPath = spec is null ? Path.Combine(layout.Directory, "spec.yaml") : Path.GetFullPath(spec.SourcePath);
        var settings = BuildSettings.For(layout.Name, spec, specPath);
        // A template is configured first (CMake's configure_file), then expanded as Xcode expands Info.plist.
        var info = EmbeddedFile.Read(layout.InfoPlist, text => XcodeInfoKeys.AddMissing(
            settings.ExpandDocument(layout.InfoPlistIsTemplate ? settings.ExpandTemplate(text, layout.InfoPlist, xml: true) : text, layout.InfoPlist),
            layout.InfoPlist, settings));
        var entitlements = layout.Entitlements is { } file ? EmbeddedFile.Read(file, text => settings.ExpandDocument(text, file)) : null;
        var configured = layout.HeaderTemplates.ToDictionary(t => t, t => EmbeddedFile.Read(t, text => settings.ExpandTemplate(text, t, xml: false)), StringComparer.Ordinal);
        return new DextPlan(layout, settings, specPath, info, entitlements, configured);
    }

    /// <summary>The bytes the build reads for an input: Info.plist and the entitlements as embedded, a header template as configured, any other file as it is.</summary>
    public byte[] Content(string input) =>
        input == Layout.InfoPlist ? InfoPlist
        : input == Layout.Entitlements && Entitlements is not null ? Entitlements
        : ConfiguredHeaders.TryGetValue(input, out var header) ? header
        : File.ReadAllBytes(input);
}
