using ConformanceKit.Spec.Expressions;

namespace ConformanceKit.Tests.Spec;

public class ExprTests
{
    static ulong Eval(string text, ulong[]? scalars = null, byte[]? bytes = null, ulong index = 0) =>
        ExprParser.Parse(text).Evaluate(new ExprInputs(scalars ?? [], bytes ?? [], index));

    [TestCase("1 + 2 * 3", 7UL)]
    [TestCase("(1 + 2) * 3", 9UL)]
    [TestCase("1 << 4 | 1", 17UL)]
    [TestCase("0xff & ~0x0f", 0xf0UL)]
    [TestCase("6 ^ 3", 5UL)]
    [TestCase("0 - 1", ulong.MaxValue)]
    [TestCase("1 << 64", 0UL)]
    public void EvaluatesWithCPrecedenceAndWrapping(string text, ulong value) => Assert.That(Eval(text), Is.EqualTo(value));

    [Test]
    public void ReadsScalarsStructWordsAndIndex()
    {
        var bytes = new byte[20];
        BitConverter.TryWriteBytes(bytes.AsSpan(8), 0x1122334455667788UL);
        bytes[16] = 9;
        Assert.Multiple(() =>
        {
            Assert.That(Eval("in.scalar[i] + 1", [5, 6, 7], index: 2), Is.EqualTo(8UL));
            Assert.That(Eval("in.scalar[9]", [5]), Is.EqualTo(0UL));
            Assert.That(Eval("in.u64[1]", bytes: bytes), Is.EqualTo(0x1122334455667788UL));
            Assert.That(Eval("in.u64[2]", bytes: bytes), Is.EqualTo(9UL), "partial last word is zero-padded");
            Assert.That(Eval("in.u64[3]", bytes: bytes), Is.EqualTo(0UL));
            Assert.That(Eval("in.u64[0xffffffffffffffff]", bytes: bytes), Is.EqualTo(0UL));
            Assert.That(Eval("in.size + in.scalars", [1, 2], bytes), Is.EqualTo(22UL));
            Assert.That(Eval("in.scalar[i] + 1", [ulong.MaxValue]), Is.EqualTo(0UL));
        });
    }

    [TestCase("", "ends too early")]
    [TestCase("1 +", "ends too early")]
    [TestCase("in.scalar[1", "expected ']'")]
    [TestCase("foo", "expected a number")]
    [TestCase("1 2", "unexpected '2'")]
    [TestCase("99999999999999999999", "bad number")]
    public void RejectsMalformedText(string text, string problem)
    {
        var e = Assert.Throws<FormatException>(() => ExprParser.Parse(text))!;
        Assert.That(e.Message, Does.Contain(problem));
    }
}
