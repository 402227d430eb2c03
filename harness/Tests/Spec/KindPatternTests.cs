using ConformanceKit.Spec;

namespace ConformanceKit.Tests.Spec;

/// <summary>Kinds of known findings: literal text where * is any run of characters, over the whole kind.</summary>
[TestFixture]
public class KindPatternTests
{
    const string Read = "heap-buffer-overflow-read@NullDriver::HandleExternalStruct<NullDriver::ExternalMethod";

    [TestCase("heap-buffer-overflow-read@*", Read, true)]
    [TestCase("heap-buffer-overflow-write@*", Read, false)]
    [TestCase("heap-buffer-overflow-*@NullDriver::HandleExternalStruct*", Read, true)]
    [TestCase("*@NullDriver::HandleExternalStruct<*", Read, true)]
    [TestCase("heap-buffer-overflow-read", Read, false)] // the whole kind, not a prefix
    [TestCase("missing-completion", "missing-completion", true)]
    [TestCase("missing-completion", "missing-completion-extra", false)]
    [TestCase("leak:OSAction", "leak:OSAction+OSData", false)]
    [TestCase("leak:*", "leak:OSAction+OSData", true)]
    [TestCase("a*b*c", "abc", true)]
    [TestCase("a*b*c", "acb", false)]
    [TestCase("a*a", "a", false)]
    [TestCase("ub-*", "ub-vptr@X::Y", true)]
    public void Matches(string pattern, string kind, bool expected) =>
        Assert.That(KindPattern.Matches(pattern, kind), Is.EqualTo(expected));
}
