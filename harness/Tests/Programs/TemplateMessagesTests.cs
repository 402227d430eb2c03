using ConformanceKit.Programs;
using ConformanceKit.Spec;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Programs;

public class TemplateMessagesTests
{
    static IEnumerable<StructTemplate> Templates => TemplateSpecs.Spec.Selectors.Select(s => s.Template!);

    [Test]
    public void AnyChoicesWithoutCorruptionGiveAWellFormedMessage()
    {
        var random = new Random(7);
        foreach (var template in Templates)
        {
            for (var run = 0; run < 2000; run++)
            {
                var choices = new byte[random.Next(0, TemplateMessages.ChoiceLength(template) + 3)]; // short ones read as zeros
                random.NextBytes(choices);
                if (choices.Length > 0) choices[0] = (byte)random.Next(0, TemplateMessages.CorruptionBase);
                var message = TemplateMessages.Build(template, choices);
                Assert.That(template.FirstMismatch(message.AsSpan()), Is.Null, $"choices {Convert.ToHexString(choices)}");
            }
        }
    }

    [Test]
    public void BoundaryChoicesReachTheBounds()
    {
        var template = TemplateSpecs.Message;
        var low = TemplateMessages.Build(template, TemplateMessages.WellFormedChoices(template, 0)).Items.ToArray();
        var high = TemplateMessages.Build(template, TemplateMessages.WellFormedChoices(template, 0xFF)).Items.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(low.Length, Is.EqualTo(24), "the smallest payload");
            Assert.That(high[6], Is.EqualTo(3), "the range's top");
            Assert.That(template.FirstMismatch(high), Is.Null);
        });
    }

    [Test]
    public void EachCorruptionIsOffTemplateWhereTheFieldHasARule()
    {
        var template = TemplateSpecs.Message;
        var offFields = new List<string>();
        for (var k = 0; k < TemplateMessages.CorruptionCount(template); k++)
        {
            var message = TemplateMessages.Build(template, TemplateMessages.CorruptChoices(template, k, 0x41)).AsSpan();
            var why = template.FirstMismatch(message);
            var name = k < template.Fields.Length ? template.Fields[k].Name : k == template.Fields.Length ? "short" : "long";
            if (name == "sequence") Assert.That(why, Is.Null, "any value is allowed: nothing to corrupt");
            else Assert.That(why, Is.Not.Null, $"corruption {name}");
            if (why is not null) offFields.Add(name);
        }
        Assert.That(offFields, Is.EqualTo(new[] { "magic", "version", "flags", "length", "reserved", "payload", "short", "long" }));
    }

    [Test]
    public void ThePayloadCorruptionKeepsItsLengthHonest()
    {
        // Past the bound, but the length field says so: a dext that trusts a consistent header overflows.
        var template = TemplateSpecs.Message;
        var message = TemplateMessages.Build(template, TemplateMessages.CorruptChoices(template, 6, 0)).Items.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(message.Length, Is.EqualTo(24 + 257));
            Assert.That(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(16)), Is.EqualTo(24u + 257));
        });
    }

    [Test]
    public void TheDecoderBuildsTemplateMessagesFromTheDeclaredSizeOperands()
    {
        var decoder = new ProgramDecoder(TemplateSpecs.Spec);
        var template = TemplateSpecs.Message;
        var random = new Random(3);
        var matched = 0;
        for (var run = 0; run < 500; run++)
        {
            var tail = new byte[TemplateMessages.ChoiceLength(template)];
            random.NextBytes(tail);
            byte[] input = [0, 0, 0, ProgramDecoder.SizeDeclared, 0, 0, 1, .. tail];
            var call = decoder.Decode(input).Steps.OfType<CallStep>().Single();
            var wellFormed = tail[0] < TemplateMessages.CorruptionBase;
            if (wellFormed) Assert.That(template.FirstMismatch(call.StructInput.AsSpan()), Is.Null);
            if (template.FirstMismatch(call.StructInput.AsSpan()) is null) matched++;
        }
        Assert.That(matched, Is.GreaterThan(300), "most random inputs are well-formed messages");

        var shorter = decoder.Decode([0, 0, 0, ProgramDecoder.SizeDeclaredMinus, 0, 0, 1]).Steps.OfType<CallStep>().Single();
        var longer = decoder.Decode([0, 0, 0, ProgramDecoder.SizeDeclaredPlus, 0, 0, 1]).Steps.OfType<CallStep>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(shorter.StructInput.Count, Is.EqualTo(23));
            Assert.That(longer.StructInput.Count, Is.EqualTo(25));
            Assert.That(template.FirstMismatch(shorter.StructInput.AsSpan()), Is.Not.Null);
        });
    }

    [Test]
    public void OtherSizeOperandsStillGiveRawBytes()
    {
        var call = new ProgramDecoder(TemplateSpecs.Spec).Decode([0, 0, 0, 5, 0, 0, 1, 6]).Steps.OfType<CallStep>().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(call[0].StructInput.Count, Is.EqualTo(5), "a literal size");
            Assert.That(call, Has.Length.EqualTo(1), "no choice bytes were read: the 6 after the data byte is the next opcode (a close)");
        });
    }

    [Test]
    public void TemplateSeedsDecodeToTheirMessages()
    {
        var seeds = new ProgramSeeds(TemplateSpecs.Spec).All().ToDictionary(s => s.Name, s => s.Bytes);
        var decoder = new ProgramDecoder(TemplateSpecs.Spec);
        CallStep First(string name) => decoder.Decode(seeds[name]).Steps.OfType<CallStep>().First();
        foreach (var entry in TemplateSpecs.Spec.Selectors)
        {
            Assert.Multiple(() =>
            {
                Assert.That(entry.Template!.FirstMismatch(First($"sel{entry.Selector}-declared").StructInput.AsSpan()), Is.Null);
                Assert.That(entry.Template!.FirstMismatch(First($"sel{entry.Selector}-template-high").StructInput.AsSpan()), Is.Null);
                Assert.That(entry.Template!.FirstMismatch(First($"sel{entry.Selector}-template-short").StructInput.AsSpan()), Is.Not.Null);
            });
        }
        Assert.That(entry0Names(seeds.Keys), Does.Contain("sel0-template-off-magic").And.Contain("sel0-template-off-length").And.Contain("sel0-template-long"));
        Assert.That(seeds.Keys, Has.Count.EqualTo(seeds.Keys.Distinct().Count()));

        static IEnumerable<string> entry0Names(IEnumerable<string> names) => names.Where(n => n.StartsWith("sel0-", StringComparison.Ordinal));
    }
}
