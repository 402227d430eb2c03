using ConformanceKit.Repository.Tests.Support;

namespace ConformanceKit.Repository.Tests.Links;

/// <summary>
/// The links of the repository's Markdown files, as a user reads them on GitHub or in a clone:
/// every relative link and image resolves, and every anchor names a heading.
/// </summary>
[TestFixture]
public class MarkdownLinkTests
{
    [Test]
    public void EveryRelativeLinkAndImageResolves()
    {
        var tree = RepositoryTree.Current;
        var documents = LinkCheck.MarkdownFiles(tree).ToList();
        Assert.That(documents, Does.Contain("README.md").And.Contain("docs/driverkit-semantics.md"),
            $"the Markdown files listed by {tree.ListedBy}");

        var broken = LinkCheck.BrokenMarkdownLinks(tree);

        if (broken.Count > 0)
        {
            Assert.Fail(LinkCheck.Describe("broken Markdown links", broken));
        }
    }
}
