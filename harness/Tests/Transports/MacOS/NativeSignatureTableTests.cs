using ConformanceKit.Tests.Transports.MacOS.HeaderTable;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>
/// Every P/Invoke declaration of the macOS transport against the table of Apple's declarations: same
/// set of functions, same library, and each C type mapped (CTypeTable) to exactly the managed type
/// declared. Runs everywhere: a typo in a signature fails on Linux.
/// </summary>
public class NativeSignatureTableTests
{
    [Test]
    public void EveryImportIsInTheTableAndEveryEntryIsImported()
    {
        var imported = MacOSNativeMembers.Imports.Select(i => i.Import.EntryPoint ?? i.Method.Name).Order(StringComparer.Ordinal);
        var tabled = FunctionTable.Entries.Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.That(imported, Is.EqualTo(tabled));
    }

    [TestCaseSource(nameof(Functions))]
    public void ImportMatchesTheHeaderDeclaration(FunctionEntry entry)
    {
        var (method, import) = MacOSNativeMembers.Imports.Single(i => (i.Import.EntryPoint ?? i.Method.Name) == entry.Name);
        var parameters = method.GetParameters();
        Assert.Multiple(() =>
        {
            Assert.That(import.LibraryName, Is.EqualTo(entry.Library), "library");
            Assert.That(ManagedTypeNames.Of(method.ReturnType), Is.EqualTo(Mapped(entry.CReturn)), $"return type ({entry.CReturn}) at {entry.At}");
            Assert.That(parameters, Has.Length.EqualTo(entry.CParameters.Count), $"parameter count at {entry.At}");
            for (var k = 0; k < Math.Min(parameters.Length, entry.CParameters.Count); k++)
                Assert.That(ManagedTypeNames.Of(parameters[k].ParameterType), Is.EqualTo(Mapped(entry.CParameters[k])),
                    $"parameter {k + 1} '{parameters[k].Name}' ({entry.CParameters[k]}) at {entry.At}");
            if (parameters.Any(p => p.ParameterType == typeof(string)))
                Assert.That(import.StringMarshalling, Is.EqualTo(System.Runtime.InteropServices.StringMarshalling.Utf8), "C strings are UTF-8");
        });
    }

    [Test]
    public void EveryUnmanagedCallbackIsInTheTable()
    {
        var implemented = MacOSNativeMembers.UnmanagedCallbacks.Select(MacOSNativeMembers.NameOf).Order(StringComparer.Ordinal);
        var tabled = CallbackTable.Entries.SelectMany(e => e.Implementations).Order(StringComparer.Ordinal);
        Assert.That(implemented, Is.EqualTo(tabled));
    }

    [TestCaseSource(nameof(Callbacks))]
    public void CallbackMatchesItsFunctionPointerType(CallbackEntry entry)
    {
        foreach (var name in entry.Implementations)
        {
            var method = MacOSNativeMembers.UnmanagedCallbacks.Single(m => MacOSNativeMembers.NameOf(m) == name);
            var expected = entry.CParameters.Select(Mapped).ToArray();
            Assert.That(method.GetParameters().Select(p => ManagedTypeNames.Of(p.ParameterType)), Is.EqualTo(expected), $"{name} as {entry.CType} ({entry.At})");
            Assert.That(ManagedTypeNames.Of(method.ReturnType), Is.EqualTo(Mapped(entry.CReturn)), name);
        }
    }

    [Test]
    public void EveryCTypeInTheTablesHasAMapping()
    {
        var used = FunctionTable.Entries.SelectMany(e => e.CParameters.Append(e.CReturn))
            .Concat(CallbackTable.Entries.SelectMany(e => e.CParameters.Append(e.CReturn)))
            .Concat(LayoutTable.Entries.SelectMany(e => e.Fields).Select(f => f.CType).OfType<string>())
            .Distinct();
        Assert.That(used.Where(t => CTypeTable.ToManaged(t) is null), Is.Empty);
    }

    [Test]
    public void PointerAndStringRulesOfTheMapping()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CTypeTable.ToManaged("const uint64_t *"), Is.EqualTo("ulong*"));
            Assert.That(CTypeTable.ToManaged("void *"), Is.EqualTo("void*"));
            Assert.That(CTypeTable.ToManaged("const char *"), Is.EqualTo("string"));
            Assert.That(CTypeTable.ToManaged("const io_name_t"), Is.EqualTo("string"));
            Assert.That(CTypeTable.ToManaged("io_connect_t *"), Is.EqualTo("uint*"));
            Assert.That(CTypeTable.ToManaged("size_t"), Is.EqualTo("nuint"));
            Assert.That(CTypeTable.ToManaged("struct unknown *"), Is.Null);
        });
    }

    static string Mapped(string cType) => CTypeTable.ToManaged(cType) ?? $"<no mapping for {cType}>";

    static IEnumerable<TestCaseData> Functions() =>
        FunctionTable.Entries.Select(e => new TestCaseData(e).SetArgDisplayNames(e.Name));

    static IEnumerable<TestCaseData> Callbacks() =>
        CallbackTable.Entries.Select(e => new TestCaseData(e).SetArgDisplayNames(e.CType));
}
