using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ConformanceKit.Spec;

/// <summary>
/// Reads a selector's <c>structInput:</c> when it is a template (a mapping with <c>fields:</c>) rather
/// than a size. Every mistake is one <c>spec.yaml:LINE:</c> error at the field that has it: an unknown
/// type, a value that does not fit its type, two rules for one field, a length of a field that does
/// not exist or that cannot fit, two fields that vary in size.
/// </summary>
internal static partial class StructTemplateReader
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex FieldName();

    /// <summary>The keys that say what an integer field holds; at most one per field.</summary>
    static readonly string[] IntegerRules = ["value", "values", "range", "lengthOf"];

    public static StructTemplate Read(YamlMap selector, YamlNode node)
    {
        if (node is YamlSequenceNode)
            throw selector.Fail(node, "structInput: a template lists its fields under fields: (structInput: then fields: then the list)");
        var map = selector.Child(node, "structInput");
        var list = map.Sequence(map.Required("fields"), "fields");
        if (list.Children.Count == 0) throw map.Fail(list, "structInput: fields lists no field (a template needs at least one)");
        var fields = ImmutableArray.CreateBuilder<TemplateField>();
        foreach (var item in list.Children)
        {
            var field = ReadField(map.Child(item, "structInput field"));
            if (fields.FirstOrDefault(f => f.Name == field.Name) is { } first)
                throw map.Fail(item, $"structInput: field '{field.Name}' is named twice (first at line {first.Line})");
            fields.Add(field);
        }
        var sizeNode = map.Optional("size");
        map.RejectUnknownKeys();

        var varying = fields.Where(f => f.FixedSize is null).ToArray();
        if (varying.Length > 1)
            throw map.Fail(varying[1].Line, $"structInput: fields '{varying[0].Name}' (line {varying[0].Line}) and '{varying[1].Name}' both vary in size; a template may have one field that does");
        var template = new StructTemplate(fields.ToImmutable(), ShapeSize.Variable, map.Line);
        if ((long)template.MaxSize > StructTemplate.MaxBytes)
            throw map.Fail($"structInput: the template takes up to {template.MaxSize} bytes, more than the {StructTemplate.MaxBytes} a template may describe");
        foreach (var field in fields)
            if (field.Rule is FieldRule.LengthOf length) CheckLength(map, template, field, length);
        return template with { DispatchSize = ReadDispatchSize(map, sizeNode, template) };
    }

    static TemplateField ReadField(YamlMap map)
    {
        var nameNode = map.Required("name");
        var name = map.Scalar(nameNode, "name");
        if (!FieldName().IsMatch(name)) throw map.Fail(nameNode, $"field name '{YamlMap.Shown(name)}' must be letters, digits and _ (as payload_size)");
        var typeNode = map.Required("type");
        var typeText = map.Scalar(typeNode, "type");
        var type = FieldType.Find(typeText)
            ?? throw map.Fail(typeNode, $"field {name}: type '{YamlMap.Shown(typeText)}' is not one of {string.Join(", ", FieldType.All)}"
                + (typeText is "u16" or "u32" or "u64" ? $" (say {typeText}le or {typeText}be: the byte order matters)" : ""));
        var rule = type.IsInteger ? ReadIntegerRule(map, name, type) : ReadBytesRule(map, name);
        map.RejectUnknownKeys();
        return new TemplateField(name, type, rule, map.Line);
    }

    static FieldRule ReadIntegerRule(YamlMap map, string name, FieldType type)
    {
        foreach (var bytesKey in new[] { "hex", "size", "multipleOf" })
            if (map.Optional(bytesKey) is { } misplaced) throw map.Fail(misplaced, $"field {name}: '{bytesKey}' is for bytes fields; {type} takes one of {string.Join(", ", IntegerRules)}");
        var given = IntegerRules.Where(key => map.Optional(key) is not null).ToArray();
        if (given.Length > 1)
            throw map.Fail(map.KeyLine(given[1]), $"field {name}: give one of {string.Join(", ", IntegerRules)}, not both {given[0]} and {given[1]}");
        var adjustNode = map.Optional("adjust");
        if (adjustNode is not null && given is not ["lengthOf"])
            throw map.Fail(adjustNode, $"field {name}: adjust goes with lengthOf");
        switch (given.FirstOrDefault())
        {
            case "value":
                return new FieldRule.Fixed(Value(map, map.Required("value"), name, type));
            case "values":
                var list = map.Sequence(map.Required("values"), "values");
                if (list.Children.Count == 0) throw map.Fail(list, $"field {name}: values lists nothing");
                return new FieldRule.OneOf([.. list.Children.Select(item => Value(map, item, name, type)).Distinct()]);
            case "range":
                var (min, max) = Range(map, map.Required("range"), name, "range", type.MaxValue);
                return new FieldRule.Range(min, max);
            case "lengthOf":
                var target = map.Scalar(map.Required("lengthOf"), "lengthOf");
                var adjust = adjustNode is null ? 0 : Signed(map, adjustNode, name);
                return new FieldRule.LengthOf(target, adjust);
            default:
                return new FieldRule.Range(0, type.MaxValue); // any value
        }
    }

    static FieldRule ReadBytesRule(YamlMap map, string name)
    {
        foreach (var key in IntegerRules.Append("adjust"))
            if (map.Optional(key) is { } misplaced) throw map.Fail(misplaced, $"field {name}: '{key}' is for integer fields; bytes take hex: or size: (and multipleOf:)");
        var hexNode = map.Optional("hex");
        var sizeNode = map.Optional("size");
        var multipleNode = map.Optional("multipleOf");
        if (hexNode is not null && sizeNode is not null) throw map.Fail(sizeNode, $"field {name}: give hex (fixed bytes) or size (any bytes), not both");
        if (hexNode is not null)
        {
            if (multipleNode is not null) throw map.Fail(multipleNode, $"field {name}: multipleOf goes with size");
            var text = map.Scalar(hexNode, "hex").Replace(" ", "", StringComparison.Ordinal);
            try
            {
                return new FieldRule.FixedBytes([.. Convert.FromHexString(text)]);
            }
            catch (FormatException)
            {
                throw map.Fail(hexNode, $"field {name}: hex must be pairs of hex digits, not '{YamlMap.Shown(text)}'");
            }
        }
        if (sizeNode is null) throw map.Fail($"field {name}: a bytes field needs hex: (fixed bytes) or size: (a size or a range such as 0..256)");
        var (min, max) = Range(map, sizeNode, name, "size", StructTemplate.MaxBytes);
        var multiple = multipleNode is null ? 1 : map.ParseUnsigned(multipleNode, "multipleOf", StructTemplate.MaxBytes);
        if (multiple == 0) throw map.Fail(multipleNode!, $"field {name}: multipleOf must be 1 or more");
        if (min % multiple != 0 || max % multiple != 0)
            throw map.Fail(sizeNode, $"field {name}: size {min}..{max} does not start and end on a multiple of {multiple}");
        return new FieldRule.SizedBytes((int)min, (int)max, (int)multiple);
    }

    /// <summary>A length field must point at another field, and hold every size that field can have.</summary>
    static void CheckLength(YamlMap map, StructTemplate template, TemplateField field, FieldRule.LengthOf rule)
    {
        if (rule.Field == field.Name) throw map.Fail(field.Line, $"field {field.Name}: lengthOf names the field itself");
        var target = template.Find(rule.Field)
            ?? throw map.Fail(field.Line, $"field {field.Name}: lengthOf names '{YamlMap.Shown(rule.Field)}', which is not a field of this template ({string.Join(", ", template.Fields.Select(f => f.Name))})");
        var low = (decimal)target.MinSize + rule.Adjust;
        var high = (decimal)target.MaxSize + rule.Adjust;
        if (low < 0 || high > field.Type.MaxValue)
            throw map.Fail(field.Line, $"field {field.Name}: the size of {target.Name} ({target.MinSize}..{target.MaxSize}) with adjust {rule.Adjust} gives {low}..{high}, which does not fit {field.Type}");
    }

    static ShapeSize ReadDispatchSize(YamlMap map, YamlNode? node, StructTemplate template)
    {
        if (node is null) return template.IsFixedSize ? new ShapeSize((uint)template.MinSize) : ShapeSize.Variable;
        if (map.Scalar(node, "size") == "variable") return ShapeSize.Variable;
        var size = map.ParseUnsigned(node, "size", uint.MaxValue);
        if (!template.IsFixedSize || (ulong)template.MinSize != size)
            throw map.Fail(node, $"structInput: size {size} (the dispatch table's check) is not the template's size, {template.DescribeSizes()}; say variable when the table does not check it");
        return new ShapeSize((uint)size);
    }

    static ulong Value(YamlMap map, YamlNode node, string name, FieldType type)
    {
        var value = map.ParseUnsigned(node, "value", ulong.MaxValue);
        if (value > type.MaxValue) throw map.Fail(node, $"field {name}: 0x{value:x} does not fit {type} (at most 0x{type.MaxValue:x})");
        return value;
    }

    /// <summary>"N" or "MIN..MAX", each decimal or 0x hex.</summary>
    static (ulong Min, ulong Max) Range(YamlMap map, YamlNode node, string name, string key, ulong limit)
    {
        var text = map.Scalar(node, key).Trim();
        var parts = text.Split("..");
        if (parts.Length is not (1 or 2) || !TryNumber(parts[0], out var min) || !TryNumber(parts[^1], out var max))
            throw map.Fail(node, $"field {name}: {key} must be a number or MIN..MAX (as 0..256), not '{YamlMap.Shown(text)}'");
        if (min > max) throw map.Fail(node, $"field {name}: {key} {text} is empty (the first bound is above the second)");
        if (max > limit) throw map.Fail(node, $"field {name}: {key} {text} goes past {limit}, the most {(key == "size" ? "a template may describe" : "the type holds")}");
        return (min, max);
    }

    static long Signed(YamlMap map, YamlNode node, string name)
    {
        var text = map.Scalar(node, "adjust").Trim();
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('-', '+');
        if (!TryNumber(digits, out var magnitude) || magnitude > (ulong)uint.MaxValue * 2)
            throw map.Fail(node, $"field {name}: adjust must be an integer such as 24, -4 or 0x0a000000, not '{YamlMap.Shown(text)}'");
        return negative ? -(long)magnitude : (long)magnitude;
    }

    static bool TryNumber(string text, out ulong value)
    {
        text = text.Trim();
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
