using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Spec.Expressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConformanceKit.Spec;

/// <summary>
/// Loads a dispatch spec (spec.yaml) into an immutable <see cref="DispatchSpec"/>. Every problem is a
/// <see cref="SpecException"/> naming file and line: unknown keys, duplicates, impossible sizes,
/// inconsistent async roles, malformed expressions and examples.
/// </summary>
public static class SpecLoader
{
    public const int SupportedVersion = 1;
    const uint MaxScalars = IOKitLimits.MaxScalars;
    const ulong MaxStructSize = ShapeSize.VariableValue - 1;

    public static DispatchSpec LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecException(path, 0, $"cannot read spec: {e.Message}");
        }
        return Parse(text, path);
    }

    public static DispatchSpec Parse(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SpecException(path, (int)e.Start.Line, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        if (stream.Documents.Count != 1)
            throw new SpecException(path, 0, $"expected one YAML document, found {stream.Documents.Count}");
        return ReadSpec(new YamlMap(path, stream.Documents[0].RootNode, "spec"), path);
    }

    static DispatchSpec ReadSpec(YamlMap root, string path)
    {
        var version = root.ParseUnsigned(root.Required("specVersion"), "specVersion", int.MaxValue);
        if (version != SupportedVersion)
            throw root.Fail(root.Required("specVersion"), $"specVersion {version} is not supported (this harness reads {SupportedVersion})");

        var dext = root.RequiredString("dext");
        var service = root.OptionalString("service") ?? dext;
        var bundle = root.OptionalString("bundleIdentifier");
        var type = root.Optional("connectionType") is { } typeNode ? (uint)root.ParseUnsigned(typeNode, "connectionType", uint.MaxValue) : 0u;
        var access = ReadAccess(root);
        if (access == AccessPolicy.Entitled && bundle is null)
            throw root.Fail(root.Required("access"), "access: entitled needs bundleIdentifier (the id a client's userclient-access must list)");
        var outOfRange = root.Optional("outOfRange") is { } rangeNode
            ? ReadReturnList(root, rangeNode, "outOfRange")
            : [IOReturn.BadArgument, IOReturn.Unsupported];

        var selectors = ReadSelectors(root);
        var asyncSpec = root.Optional("async") is { } asyncNode ? ReadAsync(root.Child(asyncNode, "async")) : null;
        var known = root.Optional("known") is { } knownNode ? ReadKnown(root, knownNode) : [];
        root.RejectUnknownKeys();

        CheckAsyncConsistency(root, selectors, asyncSpec);
        return new DispatchSpec(dext, service, bundle, type, access, outOfRange, selectors, asyncSpec, known, path);
    }

    static ImmutableArray<KnownFinding> ReadKnown(YamlMap root, YamlNode node)
    {
        var result = ImmutableArray.CreateBuilder<KnownFinding>();
        foreach (var item in root.Sequence(node, "known").Children)
        {
            var map = root.Child(item, "known finding");
            var ruleNode = map.Required("rule");
            var rule = map.Scalar(ruleNode, "rule");
            if (!Oracle.Rules.All.Contains(rule))
                throw map.Fail(ruleNode, $"known finding: '{rule}' is not a rule id ({string.Join(", ", Oracle.Rules.All)})");
            uint? selector = map.Optional("selector") is { } selectorNode ? (uint)map.ParseUnsigned(selectorNode, "selector", uint.MaxValue) : null;
            var kinds = ReadKnownKinds(map);
            var why = map.RequiredString("why");
            map.RejectUnknownKeys();
            result.Add(new KnownFinding(rule, selector, kinds, why, map.Line));
        }
        return result.ToImmutable();
    }

    /// <summary>kind: one pattern or a list of them; required, so that a known entry never hides a different bug.</summary>
    static IReadOnlyList<string> ReadKnownKinds(YamlMap map)
    {
        if (map.Optional("kind") is not { } node)
            throw map.Fail("known finding: kind is required — the finding's kind as check and fuzz print it, or a pattern with *, e.g. heap-buffer-overflow-read@*");
        var kinds = node is YamlSequenceNode list
            ? list.Children.Select(item => map.Scalar(item, "kind")).ToArray()
            : [map.Scalar(node, "kind")];
        if (kinds.Length == 0 || kinds.Any(k => k.Trim().Length == 0 || k.Trim('*').Length == 0))
            throw map.Fail(node, "known finding: each kind must name something; a bare * would hide every bug of the rule");
        return kinds;
    }

    static AccessPolicy ReadAccess(YamlMap root)
    {
        if (root.Optional("access") is not { } node) return AccessPolicy.Any;
        return root.Scalar(node, "access") switch
        {
            "any" => AccessPolicy.Any,
            "entitled" => AccessPolicy.Entitled,
            var other => throw root.Fail(node, $"access must be 'any' or 'entitled', not '{other}'"),
        };
    }

    static ImmutableArray<SelectorSpec> ReadSelectors(YamlMap root)
    {
        var list = root.Sequence(root.Required("selectors"), "selectors");
        if (list.Children.Count == 0) throw root.Fail(list, "selectors: the table is empty");
        var result = ImmutableArray.CreateBuilder<SelectorSpec>();
        var lines = new Dictionary<uint, int>();
        foreach (var item in list.Children)
        {
            var entry = ReadSelector(root.Child(item, "selector"));
            if (lines.TryGetValue(entry.Selector, out var firstLine))
                throw root.Fail(list.Children[result.Count], $"selector {entry.Selector} is declared twice (first at line {firstLine})");
            lines[entry.Selector] = entry.Line;
            result.Add(entry);
        }
        return result.ToImmutable();
    }

    static SelectorSpec ReadSelector(YamlMap map)
    {
        var selector = (uint)map.ParseUnsigned(map.Required("selector"), "selector", uint.MaxValue);
        var name = map.OptionalString("name") ?? $"Selector{selector}";
        var isChecked = map.OptionalBool("checked", true);
        var completion = ReadCompletion(map);
        var shape = new SelectorShape(
            ReadSize(map, "scalarInput", MaxScalars),
            ReadSize(map, "structInput", MaxStructSize),
            ReadSize(map, "scalarOutput", MaxScalars),
            ReadSize(map, "structOutput", MaxStructSize));
        var role = ReadRole(map);
        var completes = map.OptionalBool("completes", false);
        var result = map.Optional("result") is { } resultNode ? ReadResult(map, resultNode, shape) : null;
        var examples = map.Optional("examples") is { } examplesNode ? ReadExamples(map, examplesNode, shape) : [];
        map.RejectUnknownKeys();

        if (role == AsyncRole.RegisterCallback && completion == CompletionRule.Forbidden)
            throw map.Fail($"selector {selector}: a register-callback selector must accept a completion (completion: required or any)");
        return new SelectorSpec(selector, name, isChecked, completion, shape, role, completes, result, examples, map.Line);
    }

    static CompletionRule ReadCompletion(YamlMap map)
    {
        if (map.Optional("completion") is not { } node) return CompletionRule.Forbidden;
        return map.Scalar(node, "completion") switch
        {
            "forbidden" => CompletionRule.Forbidden,
            "required" => CompletionRule.Required,
            "any" => CompletionRule.Any,
            var other => throw map.Fail(node, $"completion must be forbidden, required or any, not '{other}'"),
        };
    }

    static AsyncRole ReadRole(YamlMap map)
    {
        if (map.Optional("async") is not { } node) return AsyncRole.None;
        return map.Scalar(node, "async") switch
        {
            "register" => AsyncRole.RegisterCallback,
            "request" => AsyncRole.Request,
            var other => throw map.Fail(node, $"async must be register or request, not '{other}'"),
        };
    }

    static ShapeSize ReadSize(YamlMap map, string key, ulong max)
    {
        if (map.Optional(key) is not { } node) return new ShapeSize(0);
        if (map.Scalar(node, key) == "variable") return ShapeSize.Variable;
        var value = map.ParseUnsigned(node, key, ulong.MaxValue);
        if (value > max)
        {
            var why = max == MaxScalars
                ? $"IOKit carries at most {MaxScalars} scalars each way"
                : "0xffffffff is kIOUserClientVariableStructureSize (write 'variable') and larger sizes do not fit the dispatch table";
            throw map.Fail(node, $"{key} = {value} is impossible: {why}");
        }
        return new ShapeSize((uint)value);
    }

    static ResultSpec ReadResult(YamlMap owner, YamlNode node, SelectorShape shape)
    {
        var map = owner.Child(node, "result");
        Expr? each = null;
        ImmutableArray<Expr>? scalarList = null;
        if (map.Optional("scalarOutput") is { } scalarNode)
        {
            if (scalarNode is YamlMappingNode)
            {
                var eachMap = map.Child(scalarNode, "result.scalarOutput");
                each = ReadExpr(eachMap, eachMap.Required("each"), "each");
                eachMap.RejectUnknownKeys();
            }
            else
            {
                scalarList = ReadExprList(map, scalarNode, "scalarOutput");
                if (!shape.ScalarOutput.IsVariable && scalarList.Value.Length > shape.ScalarOutput.Value)
                    throw map.Fail(scalarNode, $"result.scalarOutput lists {scalarList.Value.Length} values but the selector returns {shape.ScalarOutput}");
            }
        }
        ImmutableArray<Expr>? structWords = null;
        if (map.Optional("structOutput") is { } structNode)
        {
            structWords = ReadExprList(map, structNode, "structOutput");
            if (!shape.StructOutput.IsVariable && (ulong)structWords.Value.Length * 8 > shape.StructOutput.Value)
                throw map.Fail(structNode, $"result.structOutput lists {structWords.Value.Length} 64-bit words, more than the {shape.StructOutput} bytes the selector returns");
        }
        map.RejectUnknownKeys();
        return new ResultSpec(each, scalarList, structWords);
    }

    static ImmutableArray<Expr> ReadExprList(YamlMap map, YamlNode node, string key) =>
        [.. map.Sequence(node, key).Children.Select(item => ReadExpr(map, item, key))];

    static Expr ReadExpr(YamlMap map, YamlNode node, string key)
    {
        try
        {
            return ExprParser.Parse(map.Scalar(node, key));
        }
        catch (FormatException e)
        {
            throw map.Fail(node, $"{key}: {e.Message}");
        }
    }

    static ImmutableArray<ExampleSpec> ReadExamples(YamlMap owner, YamlNode node, SelectorShape shape)
    {
        var result = ImmutableArray.CreateBuilder<ExampleSpec>();
        foreach (var item in owner.Sequence(node, "examples").Children)
        {
            var map = owner.Child(item, "example");
            var scalarsIn = map.Optional("scalarInput") is { } si ? ReadU64List(map, si, "scalarInput") : [];
            var structIn = map.Optional("structInput") is { } sti ? ReadBytes(map, sti, "structInput") : [];
            ImmutableArray<ulong>? scalarsOut = map.Optional("scalarOutput") is { } so ? ReadU64List(map, so, "scalarOutput") : null;
            ImmutableArray<byte>? structOut = map.Optional("structOutput") is { } sto ? ReadBytes(map, sto, "structOutput") : null;
            map.RejectUnknownKeys();
            if (!shape.ScalarInput.Accepts((ulong)scalarsIn.Length) || !shape.StructInput.Accepts((ulong)structIn.Length))
                throw map.Fail($"example: its inputs ({scalarsIn.Length} scalars, {structIn.Length} bytes) do not have the selector's shape ({shape})");
            if (scalarsOut is { } sOut && !shape.ScalarOutput.Accepts((ulong)sOut.Length))
                throw map.Fail($"example: {sOut.Length} output scalars, but the selector returns {shape.ScalarOutput}");
            if (structOut is { } bOut && !shape.StructOutput.Accepts((ulong)bOut.Length))
                throw map.Fail($"example: {bOut.Length} output bytes, but the selector returns {shape.StructOutput}");
            result.Add(new ExampleSpec(scalarsIn, structIn, scalarsOut, structOut, map.Line));
        }
        return result.ToImmutable();
    }

    static ImmutableArray<ulong> ReadU64List(YamlMap map, YamlNode node, string key) =>
        [.. map.Sequence(node, key).Children.Select(item => map.ParseUnsigned(item, key, ulong.MaxValue))];

    /// <summary>Bytes as a list of little-endian 64-bit words ({u64: [..]}) or a hex string.</summary>
    static ImmutableArray<byte> ReadBytes(YamlMap map, YamlNode node, string key)
    {
        if (node is YamlMappingNode)
        {
            var words = map.Child(node, key);
            var values = ReadU64List(words, words.Required("u64"), "u64");
            words.RejectUnknownKeys();
            var bytes = new byte[values.Length * 8];
            for (var k = 0; k < values.Length; k++)
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(k * 8), values[k]);
            return [.. bytes];
        }
        var text = map.Scalar(node, key).Replace(" ", "", StringComparison.Ordinal);
        try
        {
            return [.. Convert.FromHexString(text)];
        }
        catch (FormatException)
        {
            throw map.Fail(node, $"{key} must be hex bytes or {{u64: [..]}}");
        }
    }

    static AsyncSpec ReadAsync(YamlMap map)
    {
        var delay = ReadDuration(map, "delay", 0);
        var leeway = ReadDuration(map, "leeway", 0);
        var status = map.Optional("status") is { } statusNode ? ReadReturn(map, statusNode, "status") : IOReturn.Success;
        var args = map.Optional("args") is { } argsNode ? ReadExprList(map, argsNode, "args") : [];
        if (args.Length > IOKitLimits.MaxCompletionArgs) throw map.Fail(map.Required("args"), $"async.args lists {args.Length} arguments; AsyncCompletion carries at most {IOKitLimits.MaxCompletionArgs}");
        var refused = map.Optional("refusedBeforeRegister") is { } refusedNode
            ? ReadReturnList(map, refusedNode, "refusedBeforeRegister")
            : [];
        map.RejectUnknownKeys();
        return new AsyncSpec(delay, leeway, status, args, refused);
    }

    static ulong ReadDuration(YamlMap map, string key, ulong fallback)
    {
        if (map.Optional(key) is not { } node) return fallback;
        var text = map.Scalar(node, key);
        if (!Durations.TryParse(text, out var ns)) throw map.Fail(node, $"{key} must be a duration like 5s, 1500ms or 20us, not '{text}'");
        return ns;
    }

    static ImmutableArray<IOReturn> ReadReturnList(YamlMap map, YamlNode node, string key) =>
        node is YamlSequenceNode list
            ? [.. list.Children.Select(item => ReadReturn(map, item, key))]
            : [ReadReturn(map, node, key)];

    static IOReturn ReadReturn(YamlMap map, YamlNode node, string key)
    {
        var text = map.Scalar(node, key);
        if (!IOReturn.TryParse(text, out var value)) throw map.Fail(node, $"{key}: '{text}' is not an IOReturn name or number");
        return value;
    }

    static void CheckAsyncConsistency(YamlMap root, ImmutableArray<SelectorSpec> selectors, AsyncSpec? asyncSpec)
    {
        var register = selectors.Where(s => s.Role == AsyncRole.RegisterCallback).ToArray();
        if (register.Length > 1)
            throw root.Fail($"selectors {register[0].Selector} and {register[1].Selector} both register the callback; the spec supports one");
        var usesAsync = selectors.FirstOrDefault(s => s.Role != AsyncRole.None || s.Completes);
        if (usesAsync is not null && register.Length == 0)
            throw root.Fail($"selector {usesAsync.Selector} takes part in the async protocol but no selector has 'async: register'");
        if (usesAsync is not null && asyncSpec is null)
            throw root.Fail($"selector {usesAsync.Selector} takes part in the async protocol but the spec has no 'async:' section");
        if (asyncSpec is not null && register.Length == 0)
            throw root.Fail(root.Required("async"), "the async section needs a selector with 'async: register'");
    }
}
