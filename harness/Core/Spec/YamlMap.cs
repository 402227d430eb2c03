using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ConformanceKit.Spec;

/// <summary>
/// A YAML mapping read key by key with the line of every node at hand, so each problem in a spec
/// is reported as file:line, and keys nobody asked for are reported as unknown.
/// </summary>
internal sealed class YamlMap
{
    readonly string _path;
    readonly YamlMappingNode _node;
    readonly string _what;
    readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(string path, YamlNode node, string what)
    {
        _path = path;
        _what = what;
        _node = node as YamlMappingNode ?? throw Fail(node, $"{what} must be a mapping of keys to values");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw Fail(key, $"{what}: keys must be plain names");
            if (!seen.Add(name)) throw Fail(key, $"{what}: key '{Shown(name)}' appears twice");
        }
    }

    public int Line => LineOf(_node);

    /// <summary>A nested mapping of this one, read with the same file for its errors.</summary>
    public YamlMap Child(YamlNode node, string what) => new(_path, node, what);

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public SpecException Fail(YamlNode node, string problem) => new(_path, LineOf(node), problem);

    public SpecException Fail(string problem) => new(_path, Line, problem);

    public SpecException Fail(int line, string problem) => new(_path, line, problem);

    /// <summary>The line of a key of this mapping ("async:"), else of the mapping.</summary>
    public int KeyLine(string key) =>
        _node.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var name } && name == key) is { } node ? LineOf(node) : Line;

    /// <summary>A value of the user's as an error message quotes it: one line, and not a megabyte of it.</summary>
    public static string Shown(string text)
    {
        const int limit = 60;
        var shown = text.Length > limit ? text[..limit] + "…" : text;
        return shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    public YamlNode? Optional(string key)
    {
        _read.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public YamlNode Required(string key) =>
        Optional(key) ?? throw Fail($"{_what}: missing required key '{key}'");

    public string? OptionalString(string key) => Optional(key) is { } node ? Scalar(node, key) : null;

    public string RequiredString(string key) => Scalar(Required(key), key);

    public string Scalar(YamlNode node, string key)
    {
        if (node is not YamlScalarNode { Value: { } text }) throw Fail(node, $"{_what}: '{key}' must be a single value");
        return text;
    }

    public bool OptionalBool(string key, bool fallback)
    {
        if (Optional(key) is not { } node) return fallback;
        return Scalar(node, key) switch
        {
            "true" => true,
            "false" => false,
            var other => throw Fail(node, $"{_what}: '{key}' must be true or false, not '{Shown(other)}'"),
        };
    }

    public ulong ParseUnsigned(YamlNode node, string key, ulong max)
    {
        var text = Scalar(node, key).Trim();
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) throw Fail(node, $"{_what}: '{key}' must be a non-negative integer, not '{Shown(text)}'");
        if (value > max) throw Fail(node, $"{_what}: '{key}' = {value} is larger than the possible {max}");
        return value;
    }

    public YamlSequenceNode Sequence(YamlNode node, string key) =>
        node as YamlSequenceNode ?? throw Fail(node, $"{_what}: '{key}' must be a list");

    /// <summary>
    /// Every key of this mapping with its value, in file order, each marked as read: for a mapping whose
    /// keys are the user's own names (the build settings of build:), not a fixed set.
    /// </summary>
    public IEnumerable<(string Name, YamlNode Key, YamlNode Value)> Entries()
    {
        foreach (var (key, value) in _node.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            _read.Add(name);
            yield return (name, key, value);
        }
    }

    /// <summary>Call after reading: any key that was not asked for is a typo or an unsupported feature.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (key, _) in _node.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (!_read.Contains(name))
                throw Fail(key, $"{_what}: unknown key '{Shown(name)}' (known: {string.Join(", ", _read.Order(StringComparer.Ordinal))})");
        }
    }
}
