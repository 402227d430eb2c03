using System.Collections.Immutable;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ConformanceKit.Spec;

/// <summary>
/// Reads the spec's <c>build:</c> section and its <c>sources:</c> and <c>include:</c> lists into a
/// <see cref="BuildSpec"/>. Only their form is checked here (names, one-line values, non-empty lists);
/// whether the paths exist is checked when the dext is built, against the file system.
/// </summary>
internal static partial class BuildSpecReader
{
    /// <summary>The keys of build: that are not build settings.</summary>
    public const string EntitlementsKey = "entitlements";
    public const string InfoPlistKey = "infoPlist";

    /// <summary>A build setting's name as Xcode spells them: PRODUCT_NAME, TeamIdentifierPrefix.</summary>
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    public static partial Regex SettingName();

    public static BuildSpec Read(YamlMap root)
    {
        var settings = ImmutableArray.CreateBuilder<BuildSetting>();
        SpecPathPattern? entitlements = null, infoPlist = null;
        var buildLine = 0;
        if (root.Optional("build") is { } buildNode)
        {
            var build = root.Child(buildNode, "build");
            buildLine = root.KeyLine("build");
            foreach (var (name, key, value) in build.Entries())
            {
                if (name == EntitlementsKey) entitlements = Path(build, value, "build.entitlements");
                else if (name == InfoPlistKey) infoPlist = Path(build, value, "build.infoPlist");
                else if (SettingName().IsMatch(name)) settings.Add(new BuildSetting(name, Value(build, value, name), YamlMap.LineOf(key)));
                else
                    throw build.Fail(key, $"build: '{YamlMap.Shown(name)}' is not a build setting name (letters, digits and _, as PRODUCT_NAME) nor {EntitlementsKey} or {InfoPlistKey}");
            }
        }
        var sources = root.Optional("sources") is { } sourcesNode ? List(root, sourcesNode, "sources") : null;
        var include = root.Optional("include") is { } includeNode ? List(root, includeNode, "include") : null;
        if (buildLine == 0 && sources is null && include is null) return BuildSpec.Default;
        return new BuildSpec(settings.ToImmutable(), entitlements, infoPlist, sources, include, buildLine);
    }

    /// <summary>A setting's value: one line, since it is written into Info.plist where line numbers must stay those of the file.</summary>
    static string Value(YamlMap build, YamlNode node, string name)
    {
        if (node is not YamlScalarNode scalar) throw build.Fail(node, $"build.{name} must be a single value, not a list or a mapping");
        var text = scalar.Value ?? "";
        if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
            throw build.Fail(node, $"build.{name} must be one line");
        return text;
    }

    static SpecPathPattern Path(YamlMap map, YamlNode node, string what)
    {
        if (node is not YamlScalarNode { Value: { } text }) throw map.Fail(node, $"{what} must be a path, not a list or a mapping");
        if (text.Trim().Length == 0) throw map.Fail(node, $"{what}: an empty path");
        if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal) || text.Contains('\0', StringComparison.Ordinal))
            throw map.Fail(node, $"{what}: a path must be one line");
        return new SpecPathPattern(text, YamlMap.LineOf(node));
    }

    static SpecPathList List(YamlMap root, YamlNode node, string key)
    {
        var list = root.Sequence(node, key);
        if (list.Children.Count == 0)
            throw root.Fail(node, $"{key}: the list is empty (leave '{key}:' out to build the dext folder as it is)");
        return new SpecPathList([.. list.Children.Select(item => Path(root, item, $"{key} entry"))], root.KeyLine(key));
    }
}
