using ConformanceKit.Repository.Tests.Support;

namespace ConformanceKit.Repository.Tests.Links;

/// <summary>The link checks themselves, on small in-memory repositories: they must catch what they claim to.</summary>
[TestFixture]
public class LinkCheckTests
{
    static RepositoryTree Tree(params (string Path, string Text)[] files)
    {
        var texts = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        return new RepositoryTree(texts.Keys, p => texts.GetValueOrDefault(p), "memory");
    }

    static string[] Found(IEnumerable<BrokenReference> broken) =>
        broken.Select(b => $"{b.File}:{b.Line}: {b.Target}").ToArray();

    [TestCase("1. Allow development dexts", "1-allow-development-dexts")]
    [TestCase("`dext/` — the user-space DriverKit runtime", "dext--the-user-space-driverkit-runtime")]
    [TestCase("4. The default `IOUserClient::ExternalMethod`", "4-the-default-iouserclientexternalmethod")]
    [TestCase("What *is* [linked](x.md) here?", "what-is-linked-here")]
    [TestCase("snake_case and CAPS", "snake_case-and-caps")]
    public void SlugsFollowGitHub(string heading, string slug)
    {
        Assert.That(Markdown.Slug(heading), Is.EqualTo(slug));
    }

    [Test]
    public void RepeatedHeadingsGetNumberedAnchors()
    {
        var anchors = Markdown.Anchors("# Notes\n\n## Notes\n\nText\n---\n\n```\n# not a heading\n```\n<a name=\"custom\"></a>\n");

        Assert.That(anchors, Is.EquivalentTo(new[] { "notes", "notes-1", "text", "custom" }));
    }

    [Test]
    public void LinksInCodeAreNotLinks()
    {
        var links = Markdown.Links("[a](one.md) `[b](two.md)`\n```md\n[c](three.md)\n```\n![d](four.png \"title\")\n[e]: five.md\n<img src=\"six.png\">\n");

        Assert.That(links.Select(l => (l.Line, l.Target)), Is.EqualTo(new[]
        {
            (1, "one.md"), (5, "four.png"), (6, "five.md"), (7, "six.png"),
        }));
    }

    [Test]
    public void BrokenMarkdownLinksAreFoundWithTheirLines()
    {
        var tree = Tree(
            ("README.md", "# Top\n[ok](docs/guide.md) [ok too](docs/guide.md#usage) [folder](docs/)\n" +
                          "[missing](docs/missing.md)\n[bad anchor](docs/guide.md#nope) [here](#top) [not here](#bottom)\n" +
                          "[web](https://example.com/x.md) [mail](mailto:a@b.c) [out](../elsewhere.md)\n" +
                          "![picture](docs/picture.png) ![gone](docs/gone.png)\n"),
            ("docs/guide.md", "# Guide\n## Usage\n[back](../README.md#top) [root](/docs/guide.md)\n"),
            ("docs/picture.png", "png"));

        var broken = LinkCheck.BrokenMarkdownLinks(tree);

        Assert.That(Found(broken), Is.EqualTo(new[]
        {
            "README.md:3: docs/missing.md",
            "README.md:4: docs/guide.md#nope",
            "README.md:4: #bottom",
            "README.md:5: ../elsewhere.md",
            "README.md:6: docs/gone.png",
        }));
    }

    [Test]
    public void PathsInCommentsAreCheckedAndPathsInStringsAreNot()
    {
        var tree = Tree(
            ("dext/host/PROTOCOL.md", "# Protocol\n"),
            ("dext/runtime/Thing.cpp",
                "#include \"dext/missing-include.h\"\n" +
                "static const char *p = \"dext/missing-string.md\"; // wire format: dext/host/PROTOCOL.md\n" +
                "/* first line\n * see dext/host/MISSING.md and PROTOCOL.md\n */\n" +
                "int x = 1; // dext/runtime/ and ../host/PROTOCOL.md and ../host/GONE.md\n"),
            ("harness/Tool.cs",
                "var s = @\"docs/verbatim\"\"// dext/not-a-comment.md\"; // harness/Tool.cs\n" +
                "var r = \"\"\"\n // dext/raw-string.md\n \"\"\"; /* docs/absent.md */\n"),
            ("run.sh",
                "#!/usr/bin/env bash\necho \"# dext/not-a-comment\" ${#items[@]} # see dext/host/PROTOCOL.md\n" +
                "# ./run.sh and ./missing.sh, harness/Tool.cs:12 and harness/Gone.cs\n"));

        var broken = LinkCheck.BrokenPathReferences(tree);

        Assert.That(Found(broken), Is.EqualTo(new[]
        {
            "dext/runtime/Thing.cpp:4: dext/host/MISSING.md",
            "dext/runtime/Thing.cpp:6: ../host/GONE.md",
            "harness/Tool.cs:4: docs/absent.md",
            "run.sh:3: ./missing.sh",
            "run.sh:3: harness/Gone.cs",
        }));
    }

    [Test]
    public void GeneratedPathsPlaceholdersAndGlobsAreNotBroken()
    {
        var tree = Tree(
            ("bench/results/fuzz-campaign.md", "x"),
            ("dext/xcode/project.yml", "# builds dext/xcode/build/Debug/Installer.app\n"),
            ("docs/guide.md",
                "Results in `bench/results/fuzz-*.md`, not `bench/results/speed-*.md`; libraries in\n" +
                "`dext/<variant>/lib.so` and `build/dexts/MyDriver`; findings in `out/fuzz/x` and OUT/afl;\n" +
                "xnu's `iokit/Kernel/IOUserServer.cpp`; see [the bench](../bench/results/) and ../bench/results/.\n"));

        var broken = LinkCheck.BrokenPathReferences(tree);

        Assert.That(Found(broken), Is.EqualTo(new[] { "docs/guide.md:1: bench/results/speed-*.md" }));
    }

    [Test]
    public void MarkdownPathsResolveFromTheFileToo()
    {
        var tree = Tree(
            ("dext/README.md", "`runtime/src/` and `iig/README.md` and `runtime/gone/` and `host/PROTOCOL.md`\n"),
            ("dext/runtime/src/A.cpp", ""),
            ("dext/iig/README.md", "# iig\n"));

        var broken = LinkCheck.BrokenPathReferences(tree);

        Assert.That(Found(broken), Is.EqualTo(new[] { "dext/README.md:1: runtime/gone/", "dext/README.md:1: host/PROTOCOL.md" }));
    }

    [Test]
    public void PointersToTheSharedFolderAreFound()
    {
        var pointer = ".." + "/shared/semantics.md";
        var tree = Tree(
            ("dext/README.md", $"intro\nsee `{pointer}` for more\n"),
            ("dext/Thing.cpp", $"const char *p = \"{pointer}\";\n"),
            ("docs/fine.md", "a shared/ folder of our own, and docs/shared/x\n"));

        var found = LinkCheck.PointersToSharedFolder(tree);

        Assert.That(Found(found), Is.EqualTo(new[] { $"dext/README.md:2: {pointer}", $"dext/Thing.cpp:1: {pointer}" }));
    }

    [Test]
    public void FailureTextListsEveryBrokenReference()
    {
        var text = LinkCheck.Describe("broken links", [new("b.md", 3, "x.md", "gone"), new("a.md", 9, "y.md", "gone")]);

        Assert.That(text, Is.EqualTo($"2 broken links:{Environment.NewLine}  a.md:9: y.md (gone){Environment.NewLine}  b.md:3: x.md (gone)"));
    }

    [Test]
    public void TheRootIsTheFolderWithTheSolution()
    {
        Assert.That(File.Exists(Path.Combine(RepositoryRoot.Path, RepositoryRoot.Marker)), Is.True);
        Assert.That(RepositoryRoot.Find(Path.Combine(RepositoryRoot.Path, "docs")), Is.EqualTo(RepositoryRoot.Path));
    }
}
