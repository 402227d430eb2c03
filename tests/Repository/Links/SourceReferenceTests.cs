using ConformanceKit.Repository.Tests.Support;

namespace ConformanceKit.Repository.Tests.Links;

/// <summary>
/// Paths of the repository named in its documents and source comments (dext/host/PROTOCOL.md,
/// docs/driverkit-semantics.md, bench/results/...) exist in a clone, and nothing points at a folder
/// outside the repository.
/// </summary>
[TestFixture]
public class SourceReferenceTests
{
    [Test]
    public void EveryRepositoryPathInDocumentsAndCommentsExists()
    {
        var tree = RepositoryTree.Current;

        var broken = LinkCheck.BrokenPathReferences(tree, out var filesRead);

        Assert.That(filesRead, Is.GreaterThan(100), $"files with comments or Markdown text, listed by {tree.ListedBy}");
        if (broken.Count > 0)
        {
            Assert.Fail(LinkCheck.Describe("repository paths that do not exist", broken));
        }
    }

    [Test]
    public void EveryAllowlistEntryIsStillNeeded()
    {
        var tree = RepositoryTree.Current;

        var stale = ReferenceAllowlist.NotPaths
            .Where(entry => !tree.FileExists(entry.File)
                            || !LinkCheck.ScannedText(tree, entry.File).Any(line => LinkCheck.PathTokens(line.Text).Contains(entry.Text)))
            .Select(entry => $"{entry.File}: {entry.Text}")
            .ToList();

        Assert.That(stale, Is.Empty, "allowlist entries whose text no longer occurs in their file's comments or text: remove them");
    }

    [Test]
    public void NothingPointsAtTheSharedFolderBesideTheRepository()
    {
        var found = LinkCheck.PointersToSharedFolder(RepositoryTree.Current);

        if (found.Count > 0)
        {
            Assert.Fail(LinkCheck.Describe("pointers to a folder a clone does not have", found));
        }
    }
}
