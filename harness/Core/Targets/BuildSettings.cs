using ConformanceKit.Spec;

namespace ConformanceKit.Targets;

/// <summary>
/// The build settings of one dext — <see cref="BuildSettingDefaults"/> with the spec's <c>build:</c>
/// on top — and their expansion in Info.plist and the entitlements, as Xcode does when it builds the
/// bundle: <c>$(NAME)</c> and <c>${NAME}</c>, values that refer to other settings, modifiers. An
/// unknown setting, an unknown modifier or a setting that refers to itself is one line naming the
/// file and line where it is used (for a value set in the spec: the spec's line).
/// </summary>
public sealed class BuildSettings
{
    /// <summary>A setting's value as written; <paramref name="SpecLine"/> &gt; 0 when the spec set it.</summary>
    sealed record Definition(string Value, int SpecLine);

    readonly Dictionary<string, Definition> _definitions = new(StringComparer.Ordinal);
    readonly string _specPath;

    BuildSettings(string specPath) => _specPath = specPath;

    /// <summary>Every setting name, defaults first, then the spec's own.</summary>
    public IReadOnlyCollection<string> Names => _definitions.Keys;

    /// <param name="dextName">The dext folder's name.</param>
    /// <param name="spec">The spec, or null for a folder built without one (the defaults alone).</param>
    /// <param name="specPath">Where the spec is (or would be): named by errors and by the hint to set a setting.</param>
    /// <exception cref="SpecException">build.PRODUCT_BUNDLE_IDENTIFIER contradicts the spec's bundleIdentifier.</exception>
    public static BuildSettings For(string dextName, DispatchSpec? spec, string specPath)
    {
        var settings = new BuildSettings(specPath);
        foreach (var (name, value) in BuildSettingDefaults.For(dextName, spec?.BundleIdentifier))
            settings._definitions[name] = new Definition(value, 0);
        foreach (var setting in spec?.Build.Settings ?? [])
            settings._definitions[setting.Name] = new Definition(setting.Value, setting.Line);

        // The harness checks clients against bundleIdentifier; the dext boots as PRODUCT_BUNDLE_IDENTIFIER.
        if (spec?.BundleIdentifier is { } bundle && spec.Build.Find("PRODUCT_BUNDLE_IDENTIFIER") is { } set
            && settings.Value("PRODUCT_BUNDLE_IDENTIFIER", specPath, set.Line) is var identifier && identifier != bundle)
            throw new SpecException(specPath, set.Line,
                $"build.PRODUCT_BUNDLE_IDENTIFIER is {identifier} but bundleIdentifier is {bundle}: the dext would boot as one and clients be checked against the other (leave one out: PRODUCT_BUNDLE_IDENTIFIER defaults to bundleIdentifier)");
        return settings;
    }

    /// <summary>A setting's value, every reference in it expanded; <paramref name="file"/>:<paramref name="line"/> is where it is used.</summary>
    /// <exception cref="TargetException">the setting or one it refers to is unknown, or refers to itself.</exception>
    public string Value(string name, string file, int line) => Resolve(new SettingReference(name, [], 0), file, line, []);

    /// <summary>A whole property list (Info.plist, entitlements) with its settings expanded; errors name <paramref name="file"/> and the line.</summary>
    public string ExpandDocument(string text, string file) => SettingExpander.Document(text, (reference, line) => Resolve(reference, file, line, []));

    /// <summary>
    /// A CMake template (Info.plist.in, version.hpp.in) with each @NAME@ replaced by the setting's value,
    /// escaped for XML in a property list (<paramref name="xml"/>); errors name <paramref name="file"/> and the line.
    /// </summary>
    /// <exception cref="TargetException">a variable no setting defines (one line naming it).</exception>
    public string ExpandTemplate(string text, string file, bool xml) =>
        ConfigureTemplate.Expand(text, (name, line) => _definitions.ContainsKey(name) ? Value(name, file, line)
                : throw new TargetException($"{file}:{line}: unknown template variable @{name}@: set it under build: in {Path.GetFileName(_specPath)}, e.g. build: {{ {name}: \"1.0\" }} (known: {string.Join(", ", _definitions.Keys)})"),
            xml ? SettingExpander.EscapeXml : value => value);

    /// <summary>One value with its settings expanded (a key Xcode generates), used at <paramref name="file"/>:<paramref name="line"/>.</summary>
    public string ExpandValue(string text, string file, int line) => SettingExpander.Value(text, reference => Resolve(reference, file, line, []));

    string Resolve(SettingReference reference, string file, int line, IReadOnlyList<string> chain)
    {
        if (!_definitions.TryGetValue(reference.Name, out var definition))
            throw new TargetException($"{file}:{line}: unknown build setting {(reference.Modifiers.Count == 0 ? reference.Shown : $"{reference.Name} in {reference.Shown}")}: set it under build: in {Path.GetFileName(_specPath)} (known: {string.Join(", ", _definitions.Keys)})");
        if (chain.Contains(reference.Name))
            throw new TargetException($"{file}:{line}: build setting {reference.Name} refers to itself ({string.Join(" -> ", chain.Append(reference.Name))})");
        // A value the spec set is where its own references are; a default's are where it is used.
        var (innerFile, innerLine) = definition.SpecLine > 0 ? (_specPath, definition.SpecLine) : (file, line);
        var inner = chain.Append(reference.Name).ToArray();
        var value = SettingExpander.Value(definition.Value, nested => Resolve(nested, innerFile, innerLine, inner));
        foreach (var modifier in reference.Modifiers)
            value = SettingModifiers.Apply(value, modifier)
                ?? throw new TargetException($"{file}:{line}: unknown modifier :{modifier} in {reference.Shown} (known: {string.Join(", ", SettingModifiers.Names)})");
        return value;
    }
}
