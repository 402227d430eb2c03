using System.Globalization;
using System.Text.RegularExpressions;
using ConformanceKit.Tests.Transports.MacOS.HeaderTable;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>
/// The table against the headers themselves, when they are at hand (CK_APPLE_HEADERS): each cited
/// line declares what the table says it does — the same C signature, the same value, the same field
/// types in the same order. Together with the table tests this ties every P/Invoke signature,
/// layout and constant to a line of Apple's source. One test per kind of entry, each reporting every
/// entry that disagrees, so a run without the headers skips five tests rather than a hundred.
/// </summary>
public partial class AppleHeaderCitationTests
{
    [SetUp]
    public void NeedsTheHeaders() => AppleHeaders.RequireRoot();

    [Test]
    public void FunctionsAreDeclaredAsTabled() => ForEach(FunctionTable.Entries, e => e.Name, entry =>
    {
        var declared = CDeclaration.Read(AppleHeaders.Lines(entry.At.Header), entry.At.Line, entry.Name, functionPointer: false);
        Assert.That(declared.Return, Is.EqualTo(entry.CReturn), $"{entry.Name}: return type at {entry.At}");
        Assert.That(declared.Parameters, Is.EqualTo(entry.CParameters), $"{entry.Name}: parameters at {entry.At}");
    });

    [Test]
    public void CallbackTypesAreDeclaredAsTabled() => ForEach(CallbackTable.Entries, e => e.CType, entry =>
    {
        var declared = CDeclaration.Read(AppleHeaders.Lines(entry.At.Header), entry.At.Line, entry.CType, functionPointer: true);
        Assert.That(declared.Return, Is.EqualTo(entry.CReturn), $"{entry.CType}: return type at {entry.At}");
        Assert.That(declared.Parameters, Is.EqualTo(entry.CParameters), $"{entry.CType}: parameters at {entry.At}");
    });

    [Test]
    public void ConstantsAreDefinedAsTabled() => ForEach(ConstantTable.Entries, e => e.Name, entry =>
    {
        Assert.That(AppleHeaders.Line(entry.At), Does.Contain(entry.Name), $"{entry.At} names {entry.Name}");
        Assert.That(AppleHeaders.Window(entry.At, 3), Does.Contain(entry.Evidence), $"{entry.At} gives {entry.Name}'s value");
        if (entry.Value is string text)
            Assert.That(entry.Evidence, Does.Contain(text), entry.Name);
        else
            Assert.That(ValueOf(entry), Is.EqualTo((long)entry.Value), $"{entry.Name} at {entry.At}");
    });

    [Test]
    public void StructFieldsAreDeclaredAsTabled() => ForEach(LayoutTable.Entries, e => e.CName, entry =>
    {
        Assert.That(AppleHeaders.Line(entry.At), Does.Contain(entry.Fields[0].Name), $"{entry.At} starts {entry.CName}");
        if (entry.Fields.Any(f => f.CType is null)) return; // a composed layout: its offsets are checked against the structs
        var declared = AppleHeaders.Lines(entry.At.Header).Skip(entry.At.Line - 1).Select(l => l.Trim()).Where(l => l.Length > 0)
            .Take(entry.Fields.Count).Select(l => FieldDeclaration().Match(l)).ToArray();
        for (var k = 0; k < entry.Fields.Count; k++)
            Assert.That((declared[k].Groups["type"].Value, declared[k].Groups["name"].Value), Is.EqualTo((entry.Fields[k].CType, entry.Fields[k].Name)),
                $"field {k + 1} of {entry.CName} near {entry.At}");
    });

    [Test]
    public void TypeChainLinesNameTheirTypes() => ForEach(CTypeTable.Entries.Where(e => e.At.Count > 0), e => e.CType, entry =>
    {
        var names = Identifiers().Matches(entry.CType + " " + entry.Chain).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var at in entry.At)
        {
            var line = AppleHeaders.Line(at);
            Assert.That(names.Any(line.Contains), $"{at} should define a type of {entry.CType}'s chain '{entry.Chain}': {line.Trim()}");
        }
    });

    /// <summary>Checks every entry, collecting all disagreements (a line that cannot be read is one too).</summary>
    static void ForEach<T>(IEnumerable<T> entries, Func<T, string> name, Action<T> check) => Assert.Multiple(() =>
    {
        foreach (var entry in entries)
        {
            try
            {
                check(entry);
            }
            catch (FormatException e)
            {
                Assert.Fail($"{name(entry)}: {e.Message}");
            }
        }
    });

    static long ValueOf(ConstantEntry entry)
    {
        var evidence = entry.Evidence;
        if (evidence == entry.Name) return CEnum.ValueOf(AppleHeaders.Lines(entry.At.Header), entry.At.Line, entry.Name);
        if (evidence is "NULL" or "synonym for NULL" or "((mach_msg_timeout_t) 0)") return 0;
        if (IOKitCommonError().Match(evidence) is { Success: true } common) // sys_iokit | sub_iokit_common | code
            return (0x38L << 26) | long.Parse(common.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var literal = evidence.TrimEnd('U', 'u');
        return literal.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(literal.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(literal, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<type>[A-Za-z_][A-Za-z0-9_ ]*?)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*;")]
    private static partial Regex FieldDeclaration();

    [GeneratedRegex(@"^iokit_common_err\(0x([0-9a-fA-F]+)\)$")]
    private static partial Regex IOKitCommonError();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*_[A-Za-z0-9_]*|[A-Z][A-Za-z0-9]+")]
    private static partial Regex Identifiers();
}
