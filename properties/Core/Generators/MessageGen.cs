using ConformanceKit.Programs;
using ConformanceKit.Spec;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Generators;

/// <summary>
/// Structure inputs from a selector's template: well-formed messages (every field within its rule,
/// lengths computed) for dispatch.accept, and off-template ones (one field off, one byte short or
/// long) for memory.safety. Both go through <see cref="TemplateMessages.Build"/>, the construction the
/// fuzzer's decoder uses, from generated choice bytes that lean to all-zeros and all-ones (a range's
/// bounds, a payload's smallest and largest size).
/// </summary>
public static class MessageGen
{
    static Gen<byte> Choice() =>
        Gen.Frequency(
            (2, Gen.Elements<byte>(0, 0xFF)),
            (3, Gen.Choose(0, 255).Select(v => (byte)v)));

    static Gen<byte[]> Choices(StructTemplate template) =>
        Gen.ArrayOf(Choice(), TemplateMessages.ChoiceLength(template) - 1);

    /// <summary>A message that matches the template.</summary>
    public static Gen<EquatableArray<byte>> WellFormed(StructTemplate template) =>
        Choices(template).Select(choices => TemplateMessages.Build(template, [0, .. choices]));

    /// <summary>A message with one corruption (which may, for a field whose rule allows every value, still match).</summary>
    public static Gen<EquatableArray<byte>> OffTemplate(StructTemplate template) =>
        from corruption in Gen.Choose(0, TemplateMessages.CorruptionCount(template) - 1)
        from choices in Choices(template)
        select TemplateMessages.Build(template, [(byte)(TemplateMessages.CorruptionBase + corruption), .. choices]);
}
