using ConformanceKit.Spec;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Spec;

public class StructTemplateTests
{
    static DispatchSpec Load(string yaml) => SpecLoader.Parse(yaml, "test.yaml");

    /// <summary>A one-selector spec whose structInput fields are the given YAML lines (indented by the caller's list items).</summary>
    static string WithFields(params string[] fields) => $"""
        specVersion: 1
        dext: Demo
        selectors:
          - selector: 0
            checked: false
            structInput:
              fields:
        {string.Join("\n", fields.Select(f => "        - " + f))}
        """;

    static SpecException Fails(string yaml) => Assert.Throws<SpecException>(() => Load(yaml))!;

    [Test]
    public void ReadsEveryKindOfField()
    {
        var template = TemplateSpecs.Message;
        Assert.Multiple(() =>
        {
            Assert.That(template.Fields.Select(f => f.Name), Is.EqualTo(new[] { "magic", "version", "flags", "sequence", "length", "reserved", "payload" }));
            Assert.That(template.Fields[0].Rule, Is.EqualTo(new FieldRule.Fixed(0x4b434d53)));
            Assert.That(((FieldRule.OneOf)template.Fields[1].Rule).Values, Is.EqualTo(new ulong[] { 1, 2 }));
            Assert.That(template.Fields[2].Rule, Is.EqualTo(new FieldRule.Range(0, 3)));
            Assert.That(template.Fields[3].Rule, Is.EqualTo(new FieldRule.Range(0, ulong.MaxValue)), "no rule: any value");
            Assert.That(template.Fields[3].Type.BigEndian, Is.True);
            Assert.That(template.Fields[4].Rule, Is.EqualTo(new FieldRule.LengthOf("payload", 24)));
            Assert.That(template.Fields[6].Rule, Is.EqualTo(new FieldRule.SizedBytes(0, 256, 1)));
            Assert.That(template.DescribeSizes(), Is.EqualTo("24..280 bytes"));
            Assert.That(TemplateSpecs.Spec.Find(0)!.Shape.StructInput.IsVariable, "a size that varies is not checked by the table");
            Assert.That(TemplateSpecs.Spec.Find(1)!.Shape.StructInput.Value, Is.EqualTo(5u), "a fixed-size template is the table's size");
        });
    }

    [Test]
    public void MatchesOnlyWellFormedMessages()
    {
        var template = TemplateSpecs.Message;
        var good = TemplateSpecs.MessageWith([1, 2, 3], version: 2, flags: 3);
        Assert.That(template.FirstMismatch(good), Is.Null);
        Assert.That(template.FirstMismatch(TemplateSpecs.MessageWith([])), Is.Null, "an empty payload");

        byte[] Changed(int offset, byte value)
        {
            var copy = (byte[])good.Clone();
            copy[offset] = value;
            return copy;
        }
        Assert.Multiple(() =>
        {
            Assert.That(template.FirstMismatch(Changed(0, 0)), Does.StartWith("field magic at byte 0 is 0x4b434d00, not 0x4b434d53"));
            Assert.That(template.FirstMismatch(Changed(4, 3)), Is.EqualTo("field version at byte 4 is 0x3, not one of 0x1, 0x2"));
            Assert.That(template.FirstMismatch(Changed(6, 4)), Is.EqualTo("field flags at byte 6 is 0x4, not 0x0..0x3"));
            Assert.That(template.FirstMismatch(Changed(16, 28)), Is.EqualTo("field length at byte 16 is 0x1c, not 0x1b (the size of payload + 24)"));
            Assert.That(template.FirstMismatch(Changed(21, 1)), Is.EqualTo("field reserved at byte 20 is 00010000, not 00000000"));
            Assert.That(template.FirstMismatch(good.AsSpan(0, 23)), Is.EqualTo("23 bytes is not a size the template has (24..280 bytes)"));
            Assert.That(template.FirstMismatch(new byte[281]), Does.StartWith("281 bytes is not a size"));
            Assert.That(template.FirstMismatch(Changed(8, 0xFF)), Is.Null, "the sequence number takes any value");
        });
    }

    [Test]
    public void MultipleOfBoundsThePayloadSizes()
    {
        var template = Load(WithFields("{ name: n, type: u8, lengthOf: data }", "{ name: data, type: bytes, size: 4..12, multipleOf: 4 }")).Find(0)!.Template!;
        Assert.Multiple(() =>
        {
            Assert.That(template.FirstMismatch([8, 1, 2, 3, 4, 5, 6, 7, 8]), Is.Null);
            Assert.That(template.FirstMismatch([6, 1, 2, 3, 4, 5, 6]), Does.StartWith("7 bytes is not a size"));
        });
    }

    [TestCase("{ name: a, type: u16, value: 1 }", 8, "field a: type 'u16' is not one of u8, u16le, u16be, u32le, u32be, u64le, u64be, bytes (say u16le or u16be: the byte order matters)")]
    [TestCase("{ name: a, type: u8, value: 256 }", 8, "field a: 0x100 does not fit u8 (at most 0xff)")]
    [TestCase("{ name: a, type: u8, value: 1, range: 0..3 }", 8, "field a: give one of value, values, range, lengthOf, not both value and range")]
    [TestCase("{ name: a, type: u8, range: 5..3 }", 8, "field a: range 5..3 is empty (the first bound is above the second)")]
    [TestCase("{ name: a, type: u8, range: 1-3 }", 8, "field a: range must be a number or MIN..MAX (as 0..256), not '1-3'")]
    [TestCase("{ name: a, type: u8, values: [] }", 8, "field a: values lists nothing")]
    [TestCase("{ name: a, type: u8, hex: '00' }", 8, "field a: 'hex' is for bytes fields; u8 takes one of value, values, range, lengthOf")]
    [TestCase("{ name: a, type: u8, adjust: 4 }", 8, "field a: adjust goes with lengthOf")]
    [TestCase("{ name: a, type: u8, lengthOf: a }", 8, "field a: lengthOf names the field itself")]
    [TestCase("{ name: a, type: u8, lengthOf: paylod }", 8, "field a: lengthOf names 'paylod', which is not a field of this template (a)")]
    [TestCase("{ name: a, type: bytes }", 8, "field a: a bytes field needs hex: (fixed bytes) or size: (a size or a range such as 0..256)")]
    [TestCase("{ name: a, type: bytes, hex: '0g' }", 8, "field a: hex must be pairs of hex digits, not '0g'")]
    [TestCase("{ name: a, type: bytes, hex: '00', size: 1 }", 8, "field a: give hex (fixed bytes) or size (any bytes), not both")]
    [TestCase("{ name: a, type: bytes, value: 1 }", 8, "field a: 'value' is for integer fields; bytes take hex: or size: (and multipleOf:)")]
    [TestCase("{ name: a, type: bytes, size: 1..6, multipleOf: 4 }", 8, "field a: size 1..6 does not start and end on a multiple of 4")]
    [TestCase("{ name: a, type: bytes, size: 0..2000000 }", 8, "field a: size 0..2000000 goes past 1048576, the most a template may describe")]
    [TestCase("{ name: 'a b', type: u8 }", 8, "field name 'a b' must be letters, digits and _ (as payload_size)")]
    [TestCase("{ name: a, type: u8, colour: red }", 8, "structInput field: unknown key 'colour'")]
    public void EachMistakeIsOneLineAtItsField(string field, int line, string message)
    {
        var e = Fails(WithFields(field));
        Assert.That(e.Message, Does.StartWith($"test.yaml:{line}: {message}"));
        Assert.That(e.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void MistakesAcrossFieldsPointAtTheSecondOne()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Fails(WithFields("{ name: a, type: u8 }", "{ name: a, type: u8 }")).Message,
                Is.EqualTo("test.yaml:9: structInput: field 'a' is named twice (first at line 8)"));
            Assert.That(Fails(WithFields("{ name: a, type: bytes, size: 0..4 }", "{ name: b, type: bytes, size: 1..2 }")).Message,
                Is.EqualTo("test.yaml:9: structInput: fields 'a' (line 8) and 'b' both vary in size; a template may have one field that does"));
            Assert.That(Fails(WithFields("{ name: n, type: u8, lengthOf: data, adjust: 4 }", "{ name: data, type: bytes, size: 0..252 }")).Message,
                Is.EqualTo("test.yaml:8: field n: the size of data (0..252) with adjust 4 gives 4..256, which does not fit u8"));
            Assert.That(Fails(WithFields("{ name: n, type: u8, lengthOf: data, adjust: -1 }", "{ name: data, type: bytes, size: 0..4 }")).Message,
                Does.StartWith("test.yaml:8: field n: the size of data (0..4) with adjust -1 gives -1..3"));
        });
    }

    [Test]
    public void AListOfFieldsWithoutFieldsKeySaysWhere()
    {
        const string yaml = """
            specVersion: 1
            dext: Demo
            selectors:
              - selector: 0
                structInput:
                  - { name: a, type: u8 }
            """;
        Assert.That(Fails(yaml).Message, Is.EqualTo("test.yaml:6: structInput: a template lists its fields under fields: (structInput: then fields: then the list)"));
    }

    [Test]
    public void TheTableSizeMustBeTheTemplatesOrVariable()
    {
        const string fixedTemplate = """
            specVersion: 1
            dext: Demo
            selectors:
              - selector: 0
                structInput:
                  size: SIZE
                  fields:
                    - { name: a, type: u32le }
            """;
        Assert.Multiple(() =>
        {
            Assert.That(Load(fixedTemplate.Replace("SIZE", "4", StringComparison.Ordinal)).Find(0)!.Shape.StructInput.Value, Is.EqualTo(4u));
            Assert.That(Load(fixedTemplate.Replace("SIZE", "variable", StringComparison.Ordinal)).Find(0)!.Shape.StructInput.IsVariable);
            Assert.That(Fails(fixedTemplate.Replace("SIZE", "8", StringComparison.Ordinal)).Message,
                Is.EqualTo("test.yaml:6: structInput: size 8 (the dispatch table's check) is not the template's size, 4 bytes; say variable when the table does not check it"));
        });
    }

    [Test]
    public void ResultsReadTemplateFieldsByName()
    {
        var yaml = TemplateSpecs.Framed.Replace("    scalarOutput: 1\n", "    scalarOutput: 1\n    result:\n      scalarOutput: [\"in.field.sequence + in.field.version\"]\n", StringComparison.Ordinal);
        var entry = Load(yaml).Find(0)!;
        var formula = entry.Result!.ScalarList!.Value.Single();
        var message = TemplateSpecs.MessageWith([1, 2, 3], version: 2);
        Assert.Multiple(() =>
        {
            Assert.That(formula.ToString(), Does.Contain("in.field.sequence").And.Contain("in.field.version"));
            Assert.That(formula.Evaluate(new ConformanceKit.Spec.Expressions.ExprInputs([], message)), Is.EqualTo(42UL + 2), "big-endian sequence 42, version 2");
        });
    }

    [TestCase("in.field.sequense", "'sequense' is not a field of the structInput template (magic, version, flags, sequence, length, reserved, payload)")]
    [TestCase("in.field.payload", "payload is a bytes field; in.field reads integer fields")]
    public void AFieldReferenceMustNameAnIntegerField(string formula, string message)
    {
        var yaml = TemplateSpecs.Framed.Replace("    scalarOutput: 1\n", $"    scalarOutput: 1\n    result:\n      scalarOutput: [\"{formula}\"]\n", StringComparison.Ordinal);
        Assert.That(Fails(yaml).Message, Does.StartWith("test.yaml:").And.Contain(message));
    }

    [Test]
    public void AFieldReferenceNeedsATemplate()
    {
        const string yaml = """
            specVersion: 1
            dext: Demo
            selectors:
              - selector: 0
                structInput: 8
                scalarOutput: 1
                result:
                  scalarOutput: ["in.field.a"]
            """;
        Assert.That(Fails(yaml).Message, Does.StartWith("test.yaml:8: scalarOutput: column 11: in.field.NAME reads a field of the structInput template, and this selector has none"));
    }

    [Test]
    public void AnExampleMustMatchTheTemplate()
    {
        var yaml = TemplateSpecs.Framed.Replace("    scalarOutput: 1\n", "    scalarOutput: 1\n    examples:\n      - structInput: \"00\"\n", StringComparison.Ordinal);
        Assert.That(Fails(yaml).Message, Does.Match(@"^test\.yaml:\d+: example: its structure input does not match the structInput template: 1 bytes is not a size the template has \(24\.\.280 bytes\)$"));
    }
}
