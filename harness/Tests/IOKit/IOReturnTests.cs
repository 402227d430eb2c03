using ConformanceKit.IOKit;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.IOKit;

public class IOReturnTests
{
    [Test]
    public void BadArgumentFormatsWithNameAndHex() =>
        Assert.That(IOReturn.BadArgument.ToString(), Is.EqualTo("kIOReturnBadArgument (0xe00002c2)"));

    [TestCase(0xE00002C2u, 0x38u, 0u, 0x2C2u)]
    [TestCase(0xE00002E2u, 0x38u, 0u, 0x2E2u)]
    [TestCase(0xFFFFFECDu, 0x3Fu, 0xFFFu, 0x3ECDu)]
    public void DecodesMachErrorFields(uint value, uint system, uint subsystem, uint code)
    {
        var ret = new IOReturn(value);
        Assert.Multiple(() =>
        {
            Assert.That(ret.System, Is.EqualTo(system));
            Assert.That(ret.Subsystem, Is.EqualTo(subsystem));
            Assert.That(ret.Code, Is.EqualTo(code));
        });
    }

    [Test]
    public void EveryCodeOfTheSemanticsTableIsKnownByName()
    {
        var expected = new Dictionary<string, uint>
        {
            ["kIOReturnSuccess"] = 0, ["kIOReturnError"] = 0xE00002BC, ["kIOReturnNoMemory"] = 0xE00002BD,
            ["kIOReturnIPCError"] = 0xE00002BF, ["kIOReturnNoDevice"] = 0xE00002C0, ["kIOReturnNotPrivileged"] = 0xE00002C1,
            ["kIOReturnBadArgument"] = 0xE00002C2, ["kIOReturnExclusiveAccess"] = 0xE00002C5, ["kIOReturnUnsupported"] = 0xE00002C7,
            ["kIOReturnNotOpen"] = 0xE00002CD, ["kIOReturnTimeout"] = 0xE00002D6, ["kIOReturnNotReady"] = 0xE00002D8,
            ["kIOReturnNoSpace"] = 0xE00002DB, ["kIOReturnCannotWire"] = 0xE00002DE, ["kIOReturnMessageTooLarge"] = 0xE00002E1,
            ["kIOReturnNotPermitted"] = 0xE00002E2, ["kIOReturnOverrun"] = 0xE00002E8, ["kIOReturnNoCompletion"] = 0xE00002EA,
            ["kIOReturnAborted"] = 0xE00002EB, ["MIG_ARRAY_TOO_LARGE"] = 0xFFFFFECD,
            ["kIOReturnNotFound"] = 0xE00002F0, ["kIOReturnBusy"] = 0xE00002D5, ["kIOReturnInvalid"] = 0xE0000001,
        };
        foreach (var (name, value) in expected)
        {
            Assert.That(new IOReturn(value).Name, Is.EqualTo(name), name);
            Assert.That(IOReturn.TryParse(name, out var parsed) && parsed.Value == value, Is.True, name);
        }
    }

    /// <summary>
    /// Every kIOReturn* the runtime's DriverKit header defines (what a dext can return) has the same
    /// value here, so a spec may name any of them and output prints each by name.
    /// </summary>
    [Test]
    public void EveryNameOfTheRuntimesIOReturnHeaderIsKnownWithItsValue()
    {
        var header = File.ReadAllText(Path.Combine(RepoPaths.Root, "dext", "runtime", "include", "DriverKit", "IOReturn.h"));
        var defines = System.Text.RegularExpressions.Regex.Matches(header, @"#define (kIOReturn\w+) +(?:iokit_common_err\((0x[0-9a-f]+)\)|KERN_SUCCESS)");
        Assert.That(defines, Has.Count.GreaterThanOrEqualTo(50), "the header's defines were read");
        foreach (System.Text.RegularExpressions.Match define in defines)
        {
            var name = define.Groups[1].Value;
            var value = define.Groups[2].Success ? 0xE0000000u | Convert.ToUInt32(define.Groups[2].Value, 16) : 0u;
            Assert.That(IOReturn.TryParse(name, out var parsed), Is.True, $"{name} is not known");
            Assert.That(parsed.Value, Is.EqualTo(value), name);
            Assert.That(parsed.Name, Is.EqualTo(name));
        }
        Assert.That(IOReturn.Known, Has.Count.EqualTo(defines.Count + 1), "the header's codes and MIG_ARRAY_TOO_LARGE, nothing else");
    }

    [TestCase("BadArgument", 0xE00002C2u)]
    [TestCase("0xe00002c7", 0xE00002C7u)]
    [TestCase("-307", 0xFFFFFECDu)]
    public void ParsesShortNamesHexAndSignedDecimal(string text, uint value)
    {
        Assert.That(IOReturn.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed.Value, Is.EqualTo(value));
    }

    [Test]
    public void UnknownCodeStillDescribesItsFields()
    {
        var ret = new IOReturn(0xE0001234);
        Assert.That(ret.Name, Is.Null);
        Assert.That(ret.ToString(), Is.EqualTo("0xe0001234 (iokit/common) code 0x1234"));
    }

    [Test]
    public void NonsenseDoesNotParse() => Assert.That(IOReturn.TryParse("kIOReturnWhatever", out _), Is.False);
}
