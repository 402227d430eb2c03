using System.Diagnostics;
using System.Text;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Expressions;

namespace ConformanceKit.Tests.Spec;

/// <summary>
/// A spec can be hostile without meaning to be: nested far deeper than any spec needs (a stack
/// overflow ends .NET without a catchable exception, so the depth is refused before the recursion),
/// not UTF-8, malformed in ways YamlDotNet reports with exceptions of its own. Each is a
/// <see cref="SpecException"/> with the line, one line long.
/// </summary>
public class SpecLimitsTests
{
    const string Head = "specVersion: 1\ndext: Demo\n";

    const string Selectors = """
        selectors:
          - selector: 0
            scalarInput: 1
            scalarOutput: 1
            result:
              scalarOutput: { each: "EXPR" }

        """;

    static SpecException Fails(string yaml) => Assert.Throws<SpecException>(() => SpecLoader.Parse(yaml, "s.yaml"))!;

    static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    [TestCase("(", ")")]
    [TestCase("in.scalar[", "]")]
    [TestCase("in.u64[", "]")]
    [TestCase("~", "")]
    [TestCase("(1 + ", ")")]
    public void DeepExpressionsAreRefusedNotOverflowed(string open, string close)
    {
        var clock = Stopwatch.StartNew();
        var text = Repeat(open, 100_000) + "1" + Repeat(close, 100_000);
        Assert.That(() => ExprParser.Parse(text), Throws.InstanceOf<FormatException>().With.Message.Contain("100 levels"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void ALongChainOfOperatorsIsAsDeepAsItIsLong()
    {
        // Left-associative: ((1+1)+1)+... is parsed in a loop but evaluated, compared and printed recursively.
        Assert.That(() => ExprParser.Parse(string.Join(" + ", Enumerable.Repeat("1", 100_000))),
            Throws.InstanceOf<FormatException>().With.Message.Contain("more than 100 levels of operators and parentheses"));
        Assert.That(() => ExprParser.Parse(string.Join(" * ", Enumerable.Repeat("i", 1000))), Throws.InstanceOf<FormatException>());
    }

    [Test]
    public void TheDepthLimitIsExactlyMaxDepth()
    {
        const int max = ExprParser.MaxDepth;
        Assert.Multiple(() =>
        {
            Assert.That(ExprParser.Parse(Repeat("(", max) + "7" + Repeat(")", max)).Evaluate(new ExprInputs([], [])), Is.EqualTo(7UL));
            Assert.That(() => ExprParser.Parse(Repeat("(", max + 1) + "7" + Repeat(")", max + 1)), Throws.InstanceOf<FormatException>());
            Assert.That(ExprParser.Parse(string.Join("+", Enumerable.Repeat("1", max))).Evaluate(new ExprInputs([], [])), Is.EqualTo((ulong)max), "99 operators: depth 100");
            Assert.That(() => ExprParser.Parse(string.Join("+", Enumerable.Repeat("1", max + 1))), Throws.InstanceOf<FormatException>());
            Assert.That(ExprParser.Parse(Repeat("~", max - 1) + "0").Evaluate(new ExprInputs([], [])), Is.EqualTo(ulong.MaxValue));
            Assert.That(() => ExprParser.Parse(Repeat("~", max) + "0"), Throws.InstanceOf<FormatException>());
        });
    }

    [Test]
    public void AnExpressionErrorQuotesAnExcerptNotTheWholeText()
    {
        var e = Assert.Throws<FormatException>(() => ExprParser.Parse(Repeat("(", 10_000) + "1" + Repeat(")", 10_000)))!;
        Assert.That(e.Message, Is.EqualTo($"column 102: nested more than 100 levels deep in \"…{Repeat("(", 60)}…\""));
    }

    [Test]
    public void DeepExpressionsInASpecNameTheirLine()
    {
        var e = Fails(Head + Selectors.Replace("EXPR", Repeat("(", 10_000) + "1" + Repeat(")", 10_000), StringComparison.Ordinal));
        Assert.That(e.Line, Is.EqualTo(8));
        Assert.That(e.Message, Does.StartWith("s.yaml:8: each: column 102: nested more than 100 levels deep"));
    }

    [TestCase("[", "]")]
    [TestCase("{a: ", "}")]
    [TestCase("[{a: ", "}]")]
    public void DeepYamlIsRefusedBeforeItIsBuilt(string open, string close)
    {
        var clock = Stopwatch.StartNew();
        var e = Fails(Head + "selectors: " + Repeat(open, 200_000) + "1" + Repeat(close, 200_000) + "\n");
        Assert.That(e.Message, Is.EqualTo($"s.yaml:3: nested more than {SpecLoader.MaxYamlDepth} levels deep (mappings and lists)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void DeepBlockYamlNamesTheLineOfTheFirstTooDeepNode()
    {
        var lines = Enumerable.Range(1, 100).Select(k => new string(' ', 2 * k) + "-\n");
        var e = Fails(Head + "selectors:\n" + string.Concat(lines));
        // The root mapping is level 1; the k-th "-" line (line 3 + k) opens level k + 1: level 65 is k = 64.
        Assert.That(e.Line, Is.EqualTo(3 + 64));
        Assert.That(e.Problem, Does.StartWith("nested more than 64 levels deep"));
    }

    [Test]
    public void TheYamlDepthLimitIsExactlyMaxYamlDepth()
    {
        var allowed = SpecLoader.MaxYamlDepth - 1; // the root mapping is the first level
        var atLimit = Fails(Head + "selectors: " + Repeat("[", allowed) + Repeat("]", allowed) + "\n");
        Assert.That(atLimit.Problem, Does.Not.Contain("nested"), "64 levels are read (and then found not to be selectors)");
        var over = Fails(Head + "selectors: " + Repeat("[", allowed + 1) + Repeat("]", allowed + 1) + "\n");
        Assert.That(over.Problem, Does.StartWith("nested more than"));
    }

    /// <summary>YamlDotNet throws InvalidOperationException, ArgumentOutOfRangeException... for some input; still the input's fault.</summary>
    [TestCase("a: [1, 2\nb: 3\n")]
    [TestCase("a: {b: 1\nc: 2\n")]
    [TestCase("a: \"\\UFFFFFFFF\"\n")]
    [TestCase("a: \"\\q\"\n")]
    [TestCase("a: 'open\n")]
    [TestCase("a: 1\n\tb: 2\n")]
    public void MalformedYamlIsASpecErrorWhateverYamlDotNetThrows(string yaml)
    {
        var e = Fails(yaml);
        Assert.That(e.Problem, Does.StartWith("not valid YAML"));
        Assert.That(e.Line, Is.InRange(1, yaml.Count(c => c == '\n')));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void AnAliasWithoutAnchorNamesItsOwnLine()
    {
        var e = Fails(Head + "service: *nope\nselectors: []\n");
        Assert.That(e.Message, Is.EqualTo("s.yaml:3: not valid YAML: the alias *nope has no anchor &nope before it"));
    }

    /// <summary>A cycle makes YamlDotNet hash (or print) forever — a stack overflow when the cycle is a key.</summary>
    [TestCase("selectors: &x [*x]\n", 3, "the alias *x is inside the node &x it names (a cycle)")]
    [TestCase("selectors:\n  - &s\n    selector: 0\n    name: *s\n", 6, "the alias *s is inside the node &s it names (a cycle)")]
    [TestCase("? &x [*x]\n: 1\nselectors: []\n", 3, "a key must be a plain name, not a list, a mapping or an alias")]
    [TestCase("? [a]\n: 1\nselectors: []\n", 3, "a key must be a plain name, not a list, a mapping or an alias")]
    [TestCase("? {a: 1}\n: 1\nselectors: []\n", 3, "a key must be a plain name, not a list, a mapping or an alias")]
    [TestCase("&k service: S\n*k : 1\nselectors: []\n", 4, "a key must be a plain name, not a list, a mapping or an alias")]
    public void CyclesAndCollectionKeysAreRefusedBeforeTheyAreBuilt(string yaml, int line, string problem)
    {
        var e = Fails(Head + yaml);
        Assert.That(e.Message, Is.EqualTo($"s.yaml:{line}: {problem}"));
    }

    [Test]
    public void AliasesThatAreNotCyclesStillWork()
    {
        var spec = SpecLoader.Parse(Head + "service: &svc Shared\nbundleIdentifier: *svc\nselectors:\n  - &first {selector: 0, name: A}\n  - {selector: 1, name: B}\n", "s.yaml");
        Assert.That((spec.Service, spec.BundleIdentifier), Is.EqualTo(("Shared", "Shared")));
        Assert.That(spec.Selectors.Select(s => s.Name), Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public void ValuesAreQuotedOnOneLineAndShort()
    {
        Assert.That(Fails(Head + "access: \"a\\nb\\u0001\"\nselectors: []\n").Message, Is.EqualTo("s.yaml:3: access must be 'any' or 'entitled', not 'a\\nb\\x01'"));
        var e = Fails(Head + "access: " + new string('x', 100_000) + "\nselectors: []\n");
        Assert.That(e.Message, Is.EqualTo($"s.yaml:3: access must be 'any' or 'entitled', not '{new string('x', 60)}…'"));
        Assert.That(new SpecException("p", 2, new string('y', 1000)).Message, Has.Length.LessThan(420));
    }

    [Test]
    public void EmptyAndTwoDocumentsNameALine()
    {
        Assert.That(Fails("").Message, Does.StartWith("s.yaml:1: the spec is empty"));
        Assert.That(Fails("# only a comment\n").Message, Does.StartWith("s.yaml:1: the spec is empty"));
        Assert.That(Fails(Head + "selectors: [{selector: 0}]\n---\na: 1\n").Message, Does.StartWith("s.yaml:5: a second YAML document"));
    }

    [Test]
    public void AsyncProblemsPointAtTheSelectorOrTheAsyncLine()
    {
        const string register = "  - selector: 1\n    completion: required\n    async: register\n";
        Assert.Multiple(() =>
        {
            var noRegister = Fails(Head + "selectors:\n  - selector: 0\n  - selector: 1\n    async: request\nasync:\n  delay: 1s\n");
            Assert.That(noRegister.Message, Is.EqualTo("s.yaml:5: selector 1 takes part in the async protocol but no selector has 'async: register'"));
            var noSection = Fails(Head + "selectors:\n  - selector: 0\n" + register);
            Assert.That(noSection.Message, Is.EqualTo("s.yaml:5: selector 1 takes part in the async protocol but the spec has no 'async:' section"));
            var twice = Fails(Head + "selectors:\n" + register + "  - selector: 2\n    completion: any\n    async: register\nasync:\n  delay: 1s\n");
            Assert.That(twice.Message, Is.EqualTo("s.yaml:7: selectors 1 (line 4) and 2 both register the callback; the spec supports one"));
            var unused = Fails(Head + "selectors:\n  - selector: 0\n# the async section\nasync:\n  delay: 1s\n");
            Assert.That(unused.Message, Is.EqualTo("s.yaml:6: the async section needs a selector with 'async: register'"));
        });
    }

    [Test]
    public void AFileMustBeUtf8AndNotADirectoryOrEndless()
    {
        var folder = Directory.CreateTempSubdirectory("ck-spec-file-").FullName;
        try
        {
            var path = Path.Combine(folder, "spec.yaml");
            File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Head + "service: Caf"), 0xE9, .. Encoding.UTF8.GetBytes("\nselectors: [{selector: 0}]\n")]);
            var e = Assert.Throws<SpecException>(() => SpecLoader.LoadFile(path))!;
            Assert.That(e.Message, Is.EqualTo($"{path}:3: not UTF-8 text: byte 0xe9 at column 13 (save the spec as UTF-8)"));

            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Head + "service: Café\nselectors: [{selector: 0}]\n")]);
            Assert.That(SpecLoader.LoadFile(path).Service, Is.EqualTo("Café"), "UTF-8, with or without a byte order mark");

            File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Head)]);
            Assert.That(() => SpecLoader.LoadFile(path), Throws.TypeOf<SpecException>().With.Message.EqualTo($"{path}:1: UTF-16 text: save the spec as UTF-8"));

            Assert.That(() => SpecLoader.LoadFile(folder), Throws.TypeOf<SpecException>().With.Message.EqualTo($"{folder}: is a directory, not a spec file"));
            if (File.Exists("/dev/zero"))
                Assert.That(() => SpecLoader.LoadFile("/dev/zero"), Throws.TypeOf<SpecException>().With.Message.EqualTo("/dev/zero: larger than 16 MiB: not a spec"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
