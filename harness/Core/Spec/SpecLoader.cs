using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Spec.Expressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
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

    /// <summary>Nesting deeper than this (mappings and lists in YAML) is refused before it is built: no spec needs it, and the YAML reader recurses.</summary>
    public const int MaxYamlDepth = 64;

    /// <summary>Larger files are refused before they are read: a spec is a few kilobytes (and /dev/zero never ends).</summary>
    public const int MaxSpecBytes = 16 << 20;

    /// <exception cref="SpecException">the file cannot be read or is not a valid spec, naming its line.</exception>
    public static DispatchSpec LoadFile(string path)
    {
        if (Directory.Exists(path)) throw new SpecException(path, 0, "is a directory, not a spec file");
        byte[]? bytes;
        try
        {
            bytes = ReadAtMost(path, MaxSpecBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecException(path, 0, $"cannot read spec: {e.Message}");
        }
        if (bytes is null) throw new SpecException(path, 0, $"larger than {MaxSpecBytes >> 20} MiB: not a spec");
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new SpecException(path, 1, "UTF-16 text: save the spec as UTF-8");
        if (!TryUtf8(bytes, out var text, out var bad))
            throw new SpecException(path, bad.Line, $"not UTF-8 text: byte 0x{bad.Byte:x2} at column {bad.Column} (save the spec as UTF-8)");
        return Parse(text, path);
    }

    /// <summary>A file's bytes, or null when it has more than <paramref name="limit"/> (read no further: a device may never end).</summary>
    internal static byte[]? ReadAtMost(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes UTF-8 (a byte order mark is skipped) strictly: else the line and byte column of the first byte that is not UTF-8.</summary>
    internal static bool TryUtf8(ReadOnlySpan<byte> bytes, out string text, out (int Line, int Column, byte Byte) bad)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done)
        {
            text = new string(chars, 0, written);
            bad = default;
            return true;
        }
        var good = bytes[..read];
        text = "";
        bad = (good.Count((byte)'\n') + 1, read - (good.LastIndexOf((byte)'\n') + 1) + 1, read < bytes.Length ? bytes[read] : (byte)0);
        return false;
    }

    /// <exception cref="SpecException">the text is not a valid spec, naming its line.</exception>
    public static DispatchSpec Parse(string text, string path)
    {
        var stream = new YamlStream();
        var parser = new GuardedYamlParser(new Parser(new StringReader(text)), path);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // End is where the reader found the problem (Start: where the token it was reading began, maybe lines before).
            var lines = text.Count('\n') + (text.EndsWith('\n') ? 0 : 1);
            throw new SpecException(path, (int)Math.Clamp(e.End.Line, 1, Math.Max(lines, 1)), $"not valid YAML: {OneLine(e.InnerException?.Message ?? e.Message)}");
        }
        catch (Exception e) when (e is not SpecException and not OutOfMemoryException)
        {
            // YamlDotNet fails on some malformed input with exceptions of its own making (an
            // InvalidOperationException for a flow list left open across lines, an
            // ArgumentOutOfRangeException for "\UFFFFFFFF"): still the input's fault, and still one line.
            throw new SpecException(path, parser.Line, $"not valid YAML (after this line): {OneLine(e.Message)}");
        }
        if (stream.Documents.Count == 0)
            throw new SpecException(path, 1, "the spec is empty (it starts with specVersion: 1, see README 'The spec format')");
        if (stream.Documents.Count > 1)
            throw new SpecException(path, YamlMap.LineOf(stream.Documents[1].RootNode), $"a second YAML document (a spec is one; found {stream.Documents.Count})");
        return ReadSpec(new YamlMap(path, stream.Documents[0].RootNode, "spec"), path);
    }

    static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// Passes the YAML reader's events through, refusing — before the representation model builds
    /// them — the shapes it cannot build safely: a mapping or list nested deeper than
    /// <see cref="MaxYamlDepth"/> (the model recurses per level, and a stack overflow cannot be caught),
    /// an alias inside the node it names (a cycle: hashing or printing it never ends), a list, mapping
    /// or alias as a mapping key (the model hashes keys whole, and no spec key is one), and an alias
    /// with no anchor before it (which YamlDotNet reports at the document's first line).
    /// </summary>
    sealed class GuardedYamlParser(IParser inner, string path) : IParser
    {
        /// <summary>An open mapping or list: its anchor, and for a mapping whether its next node is a key.</summary>
        sealed class Frame(bool isMapping, string? anchor)
        {
            public bool IsMapping { get; } = isMapping;
            public string? Anchor { get; } = anchor;
            public bool ExpectKey { get; set; } = true;
        }

        readonly Stack<Frame> _open = new();
        readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

        /// <summary>The line the last event ended on: where the reader was when it failed.</summary>
        public int Line { get; private set; } = 1;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            var current = inner.Current!;
            Line = (int)current.End.Line;
            var line = (int)current.Start.Line;
            if (current is DocumentStart) _anchors.Clear();
            if (current is NodeEvent or AnchorAlias && _open.TryPeek(out var parent) && parent.IsMapping)
            {
                var isKey = parent.ExpectKey;
                parent.ExpectKey = !isKey;
                if (isKey && current is not Scalar)
                    throw new SpecException(path, line, "a key must be a plain name, not a list, a mapping or an alias");
            }
            switch (current)
            {
                case MappingStart or SequenceStart:
                    if (_open.Count + 1 > MaxYamlDepth)
                        throw new SpecException(path, line, $"nested more than {MaxYamlDepth} levels deep (mappings and lists)");
                    var anchor = ((NodeEvent)current).Anchor;
                    _open.Push(new Frame(current is MappingStart, anchor.IsEmpty ? null : anchor.Value));
                    break;
                case MappingEnd or SequenceEnd:
                    _open.Pop();
                    break;
                case AnchorAlias alias when !_anchors.Contains(alias.Value.Value):
                    throw new SpecException(path, line, $"not valid YAML: the alias *{alias.Value.Value} has no anchor &{alias.Value.Value} before it");
                case AnchorAlias alias when _open.Any(frame => frame.Anchor == alias.Value.Value):
                    throw new SpecException(path, line, $"the alias *{alias.Value.Value} is inside the node &{alias.Value.Value} it names (a cycle)");
            }
            if (current is NodeEvent { Anchor.IsEmpty: false } node) _anchors.Add(node.Anchor.Value);
            return true;
        }
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
        var build = BuildSpecReader.Read(root);
        var hid = HidSpecReader.Read(root);
        var device = DeviceSpecReader.Read(root);
        var limits = root.Optional("limits") is { } limitsNode ? ReadLimits(root.Child(limitsNode, "limits")) : null;
        root.RejectUnknownKeys();

        CheckAsyncConsistency(root, selectors, asyncSpec);
        if (limits is not null && !selectors.Any(s => s.Completes))
            throw root.Fail(root.KeyLine("limits"), "limits: pendingCompletions needs a selector that owes a completion (completes: true)");
        return new DispatchSpec(dext, service, bundle, type, access, outOfRange, selectors, asyncSpec, known, path)
        {
            Build = build, Hid = hid, Device = device, Limits = limits,
        };
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
                throw map.Fail(ruleNode, $"known finding: '{YamlMap.Shown(rule)}' is not a rule id ({string.Join(", ", Oracle.Rules.All)})");
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

    static AccessPolicy ReadAccess(YamlMap root) =>
        ReadChoice(root, "access", AccessPolicy.Any, "'any' or 'entitled'", ("any", AccessPolicy.Any), ("entitled", AccessPolicy.Entitled));

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
        // structInput: a size, or a template of the message (whose size the shape then takes).
        var template = map.Optional("structInput") is { } templateNode and (YamlMappingNode or YamlSequenceNode) ? StructTemplateReader.Read(map, templateNode) : null;
        var shape = new SelectorShape(
            ReadSize(map, "scalarInput", MaxScalars),
            template?.DispatchSize ?? ReadSize(map, "structInput", MaxStructSize),
            ReadSize(map, "scalarOutput", MaxScalars),
            ReadSize(map, "structOutput", MaxStructSize));
        var role = ReadRole(map);
        var completes = map.OptionalBool("completes", false);
        var mayReturn = map.Optional("mayReturn") is { } mayNode ? ReadReturnList(map, mayNode, "mayReturn") : [];
        if (mayReturn.Contains(IOReturn.Success))
            throw map.Fail(map.Optional("mayReturn")!, $"selector {selector}: mayReturn lists errors a well-shaped call may get; kIOReturnSuccess is always allowed");
        var result = map.Optional("result") is { } resultNode ? ReadResult(map, resultNode, shape, template) : null;
        var examples = map.Optional("examples") is { } examplesNode ? ReadExamples(map, examplesNode, shape, template) : [];
        map.RejectUnknownKeys();

        if (role == AsyncRole.RegisterCallback && completion == CompletionRule.Forbidden)
            throw map.Fail($"selector {selector}: a register-callback selector must accept a completion (completion: required or any)");
        if (role == AsyncRole.Own && completion == CompletionRule.Forbidden)
            throw map.Fail($"selector {selector}: a selector that completes its own call must accept a completion (completion: required or any)");
        if (role == AsyncRole.Own && completes)
            throw map.Fail($"selector {selector}: 'async: own' completes the call itself; 'completes: true' is for requests answered through the registered callback");
        return new SelectorSpec(selector, name, isChecked, completion, shape, role, completes, result, examples, map.Line) { Template = template, MayReturn = mayReturn };
    }

    static CompletionRule ReadCompletion(YamlMap map) =>
        ReadChoice(map, "completion", CompletionRule.Forbidden, "forbidden, required or any",
            ("forbidden", CompletionRule.Forbidden), ("required", CompletionRule.Required), ("any", CompletionRule.Any));

    static AsyncRole ReadRole(YamlMap map) =>
        ReadChoice(map, "async", AsyncRole.None, "register, request or own", ("register", AsyncRole.RegisterCallback), ("request", AsyncRole.Request),
            ("own", AsyncRole.Own));

    /// <summary>An optional key whose value is one of a few words: what the word stands for, <paramref name="absent"/> without the key.</summary>
    /// <param name="expected">The words as the error lists them ("register or request").</param>
    static T ReadChoice<T>(YamlMap map, string key, T absent, string expected, params (string Word, T Value)[] choices)
    {
        if (map.Optional(key) is not { } node) return absent;
        var word = map.Scalar(node, key);
        foreach (var choice in choices)
            if (choice.Word == word) return choice.Value;
        throw map.Fail(node, $"{key} must be {expected}, not '{YamlMap.Shown(word)}'");
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

    static ResultSpec ReadResult(YamlMap owner, YamlNode node, SelectorShape shape, StructTemplate? template)
    {
        var map = owner.Child(node, "result");
        Expr? each = null;
        ImmutableArray<Expr>? scalarList = null;
        if (map.Optional("scalarOutput") is { } scalarNode)
        {
            if (scalarNode is YamlMappingNode)
            {
                var eachMap = map.Child(scalarNode, "result.scalarOutput");
                each = ReadExpr(eachMap, eachMap.Required("each"), "each", template);
                eachMap.RejectUnknownKeys();
            }
            else
            {
                scalarList = ReadExprList(map, scalarNode, "scalarOutput", template);
                if (!shape.ScalarOutput.IsVariable && scalarList.Value.Length > shape.ScalarOutput.Value)
                    throw map.Fail(scalarNode, $"result.scalarOutput lists {scalarList.Value.Length} values but the selector returns {shape.ScalarOutput}");
            }
        }
        ImmutableArray<Expr>? structWords = null;
        if (map.Optional("structOutput") is { } structNode)
        {
            structWords = ReadExprList(map, structNode, "structOutput", template);
            if (!shape.StructOutput.IsVariable && (ulong)structWords.Value.Length * 8 > shape.StructOutput.Value)
                throw map.Fail(structNode, $"result.structOutput lists {structWords.Value.Length} 64-bit words, more than the {shape.StructOutput} bytes the selector returns");
        }
        map.RejectUnknownKeys();
        return new ResultSpec(each, scalarList, structWords);
    }

    static ImmutableArray<Expr> ReadExprList(YamlMap map, YamlNode node, string key, StructTemplate? template = null) =>
        [.. map.Sequence(node, key).Children.Select(item => ReadExpr(map, item, key, template))];

    static Expr ReadExpr(YamlMap map, YamlNode node, string key, StructTemplate? template = null)
    {
        try
        {
            return ExprParser.Parse(map.Scalar(node, key), template);
        }
        catch (FormatException e)
        {
            throw map.Fail(node, $"{key}: {e.Message}");
        }
    }

    static ImmutableArray<ExampleSpec> ReadExamples(YamlMap owner, YamlNode node, SelectorShape shape, StructTemplate? template)
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
            if (template?.FirstMismatch(structIn.AsSpan()) is { } offTemplate)
                throw map.Fail($"example: its structure input does not match the structInput template: {offTemplate}");
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
        var deviceEvents = map.OptionalBool("deviceEvents", false);
        map.RejectUnknownKeys();
        return new AsyncSpec(delay, leeway, status, args, refused) { DeviceEvents = deviceEvents };
    }

    /// <summary>The limits: section (<see cref="LimitsSpec"/>): both keys required, the refusal an error.</summary>
    static LimitsSpec ReadLimits(YamlMap map)
    {
        var pending = (uint)map.ParseUnsigned(map.Required("pendingCompletions"), "pendingCompletions", MaxPendingLimit);
        if (pending == 0) throw map.Fail(map.Required("pendingCompletions"), "pendingCompletions must be at least 1");
        var beyond = ReadReturn(map, map.Required("beyond"), "beyond");
        if (beyond.IsSuccess) throw map.Fail(map.Required("beyond"), "beyond must be the error a call past the limit gets, not kIOReturnSuccess");
        map.RejectUnknownKeys();
        return new LimitsSpec(pending, beyond);
    }

    /// <summary>A limit a program can reach: the largest burst fills a queue of up to this many several times over.</summary>
    const ulong MaxPendingLimit = 1 << 16;

    static ulong ReadDuration(YamlMap map, string key, ulong fallback)
    {
        if (map.Optional(key) is not { } node) return fallback;
        var text = map.Scalar(node, key);
        if (!Durations.TryParse(text, out var ns)) throw map.Fail(node, $"{key} must be a duration like 5s, 1500ms or 20us, not '{YamlMap.Shown(text)}'");
        return ns;
    }

    static ImmutableArray<IOReturn> ReadReturnList(YamlMap map, YamlNode node, string key) =>
        node is YamlSequenceNode list
            ? [.. list.Children.Select(item => ReadReturn(map, item, key))]
            : [ReadReturn(map, node, key)];

    static IOReturn ReadReturn(YamlMap map, YamlNode node, string key)
    {
        var text = map.Scalar(node, key);
        if (!IOReturn.TryParse(text, out var value)) throw map.Fail(node, $"{key}: '{YamlMap.Shown(text)}' is not an IOReturn name or number");
        return value;
    }

    /// <summary>The async protocol as a whole; each problem points at the selector (or the async: section) that has it.</summary>
    static void CheckAsyncConsistency(YamlMap root, ImmutableArray<SelectorSpec> selectors, AsyncSpec? asyncSpec)
    {
        var register = selectors.Where(s => s.Role == AsyncRole.RegisterCallback).ToArray();
        if (register.Length > 1)
            throw root.Fail(register[1].Line, $"selectors {register[0].Selector} (line {register[0].Line}) and {register[1].Selector} both register the callback; the spec supports one");
        var usesAsync = selectors.FirstOrDefault(s => s.Role is AsyncRole.RegisterCallback or AsyncRole.Request || s.Completes);
        if (usesAsync is not null && register.Length == 0)
            throw root.Fail(usesAsync.Line, $"selector {usesAsync.Selector} takes part in the async protocol but no selector has 'async: register'");
        if (usesAsync is not null && asyncSpec is null)
            throw root.Fail(usesAsync.Line, $"selector {usesAsync.Selector} takes part in the async protocol but the spec has no 'async:' section");
        if (asyncSpec is not null && register.Length == 0)
            throw root.Fail(root.KeyLine("async"), "the async section needs a selector with 'async: register'");
    }
}
