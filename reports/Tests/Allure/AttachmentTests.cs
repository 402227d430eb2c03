using System.Text.RegularExpressions;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Tests.Support;

namespace ConformanceKit.Reports.Tests.Allure;

[TestFixture]
public class AttachmentTests
{
    static readonly Regex AttachmentName = new(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-attachment\.[a-z]+$");

    [Test]
    public void BinaryContentIsKeptByteForByteUnderAnAttachmentName()
    {
        using var dir = new TemporaryDirectory("attach");
        var results = new ResultsDirectory(dir.Path);
        byte[] input = [0x00, 0xff, 0xfe, 0x0a, 0x80, 0xc3, 0x28, 0x01];
        var attachment = results.Attach("input.bin", MimeTypes.Binary, input);
        Assert.Multiple(() =>
        {
            Assert.That(attachment.Name, Is.EqualTo("input.bin"));
            Assert.That(attachment.Type, Is.EqualTo("application/octet-stream"));
            Assert.That(attachment.Source, Does.Match(AttachmentName).And.EndWith(".bin"));
            Assert.That(File.ReadAllBytes(Path.Combine(dir.Path, attachment.Source)), Is.EqualTo(input));
        });
    }

    [Test]
    public void TextIsUtf8WithoutAByteOrderMark()
    {
        using var dir = new TemporaryDirectory("attach");
        var results = new ResultsDirectory(dir.Path);
        var attachment = results.AttachText("reproducer", "open c0\ncall c0 1 in=00  # Struct ü\n");
        Assert.That(attachment.Type, Is.EqualTo("text/plain"));
        Assert.That(attachment.Source, Does.EndWith(".txt"));
        var bytes = File.ReadAllBytes(Path.Combine(dir.Path, attachment.Source));
        Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xef, 0xbb, 0xbf }));
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Is.EqualTo("open c0\ncall c0 1 in=00  # Struct ü\n"));
    }

    [TestCase("reproducer.txt", "text/plain", ".txt")]
    [TestCase("dext.log", "text/plain", ".txt")]
    [TestCase("sanitizer.txt", "text/plain", ".txt")]
    [TestCase("input.bin", "application/octet-stream", ".bin")]
    [TestCase("finding.json", "application/json", ".json")]
    [TestCase("overview.png", "image/png", ".png")]
    [TestCase("progress.svg", "image/svg+xml", ".svg")]
    [TestCase("no-extension", "application/octet-stream", ".bin")]
    public void AFileGetsTheMimeTypeOfItsExtension(string file, string type, string extension)
    {
        using var dir = new TemporaryDirectory("attach");
        var source = Path.Combine(dir.Path, file);
        File.WriteAllBytes(source, [1, 2, 3]);
        var results = new ResultsDirectory(Path.Combine(dir.Path, "results"));
        var attachment = results.AttachFile(file, source);
        Assert.That(attachment.Type, Is.EqualTo(type));
        Assert.That(attachment.Source, Does.EndWith(extension).And.Match(AttachmentName));
        Assert.That(File.ReadAllBytes(Path.Combine(results.Path, attachment.Source)), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void EachAttachmentIsItsOwnFile()
    {
        // Allure 3 refuses to link one attachment file from two places, so the same content twice is two files.
        using var dir = new TemporaryDirectory("attach");
        var results = new ResultsDirectory(dir.Path);
        var first = results.AttachText("a", "same");
        var second = results.AttachText("a", "same");
        Assert.That(first.Source, Is.Not.EqualTo(second.Source));
    }
}
