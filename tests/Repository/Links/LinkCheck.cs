using System.Text.RegularExpressions;
using ConformanceKit.Repository.Tests.Support;

namespace ConformanceKit.Repository.Tests.Links;

/// <summary>One broken reference: where it is and what it points at.</summary>
public sealed record BrokenReference(string File, int Line, string Target, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Target} ({Reason})";
}

/// <summary>
/// The repository's references to itself, checked against a <see cref="RepositoryTree"/>: links of
/// its Markdown files, repository paths named in its documents and source comments, and pointers to
/// a shared folder beside the repository that a clone does not have.
/// </summary>
public static partial class LinkCheck
{
    /// <summary>Every Markdown file of the tree.</summary>
    public static IEnumerable<string> MarkdownFiles(RepositoryTree tree) =>
        tree.Files.Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Links and images of every Markdown file that do not resolve: a relative target (after '#' and
    /// '?' are cut off and %-escapes decoded) must name a file or folder of the tree, from the file's
    /// folder ('/...' from the root); an anchor into a Markdown file must be one of its headings'
    /// anchors. Links with a scheme (https:, mailto:, ...) are not followed.
    /// </summary>
    public static List<BrokenReference> BrokenMarkdownLinks(RepositoryTree tree)
    {
        var broken = new List<BrokenReference>();
        foreach (var file in MarkdownFiles(tree))
        {
            var text = tree.ReadText(file);
            if (text is null)
            {
                continue;
            }
            foreach (var link in Markdown.Links(text))
            {
                if (Problem(tree, file, text, link.Target) is { } reason)
                {
                    broken.Add(new BrokenReference(file, link.Line, link.Target, reason));
                }
            }
        }
        return broken;
    }

    static string? Problem(RepositoryTree tree, string file, string text, string target)
    {
        if (target.Length == 0)
        {
            return "empty link";
        }
        if (Scheme().IsMatch(target) || target.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }
        var hash = target.IndexOf('#');
        var anchor = hash < 0 ? "" : Uri.UnescapeDataString(target[(hash + 1)..]);
        var pathPart = hash < 0 ? target : target[..hash];
        var query = pathPart.IndexOf('?');
        if (query >= 0)
        {
            pathPart = pathPart[..query];
        }
        pathPart = Uri.UnescapeDataString(pathPart);

        string path;
        if (pathPart.Length == 0)
        {
            path = file;
        }
        else
        {
            var resolved = pathPart.StartsWith('/')
                ? RepositoryTree.Combine("", pathPart[1..])
                : RepositoryTree.Combine(RepositoryTree.FolderOf(file), pathPart);
            if (resolved is null)
            {
                return "leaves the repository";
            }
            if (!tree.Exists(resolved))
            {
                return resolved.Length == 0 || resolved == pathPart ? "no such file or folder" : $"no such file or folder: {resolved}";
            }
            path = resolved;
        }
        if (anchor.Length > 0 && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            var headings = path == file ? text : tree.ReadText(path) ?? "";
            if (!Markdown.Anchors(headings).Contains(anchor))
            {
                return $"no heading with the anchor #{anchor} in {path}";
            }
        }
        return null;
    }

    /// <summary>
    /// Repository paths named in Markdown text (code included, link targets left to
    /// <see cref="BrokenMarkdownLinks"/>) and in the comments of source files that do not exist.
    /// A path is checked when its first segment is a top-level folder of the repository (dext/,
    /// harness/, docs/, ...), when it names a Markdown file, or when its first segment is a folder
    /// beside the file. It may resolve from the root or from the file's folder; '../' only from the
    /// file's folder, './' from the root (where commands run) or the file's folder. A bare Markdown
    /// file name (PROTOCOL.md) must be the name of some file. '*' matches within a segment; a path
    /// followed by a placeholder (&lt;name&gt;, $VAR, {x}) is checked up to its last '/'. Generated
    /// paths (<see cref="ReferenceAllowlist.Generated"/>) and <see cref="ReferenceAllowlist.NotPaths"/>
    /// are skipped.
    /// </summary>
    public static List<BrokenReference> BrokenPathReferences(RepositoryTree tree) => BrokenPathReferences(tree, out _);

    /// <inheritdoc cref="BrokenPathReferences(RepositoryTree)"/>
    /// <param name="tree">The repository.</param>
    /// <param name="filesRead">How many files had Markdown text or comments to read.</param>
    public static List<BrokenReference> BrokenPathReferences(RepositoryTree tree, out int filesRead)
    {
        var broken = new List<BrokenReference>();
        filesRead = 0;
        foreach (var file in tree.Files)
        {
            var scanned = ScannedText(tree, file);
            if (scanned.Count > 0)
            {
                filesRead++;
            }
            foreach (var (line, text) in scanned)
            {
                foreach (var token in PathTokens(text))
                {
                    if (ReferenceProblem(tree, file, token) is { } reason)
                    {
                        broken.Add(new BrokenReference(file, line, token, reason));
                    }
                }
            }
        }
        return broken;
    }

    /// <summary>The lines of a file the path check reads: all of a Markdown file, the comments of a source file.</summary>
    public static IReadOnlyList<(int Line, string Text)> ScannedText(RepositoryTree tree, string file)
    {
        var isMarkdown = file.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
        var style = isMarkdown ? CommentStyle.None : SourceComments.StyleOf(file);
        var text = (isMarkdown || style != CommentStyle.None || !Path.HasExtension(file)) ? tree.ReadText(file) : null;
        if (text is null)
        {
            return [];
        }
        if (isMarkdown)
        {
            var number = 0;
            return Markdown.Lines(text).Select(l => (++number, LinkTarget().Replace(l, m => new string(' ', m.Length)))).ToList();
        }
        if (style == CommentStyle.None)
        {
            style = SourceComments.StyleOf(file, Markdown.Lines(text).FirstOrDefault());
        }
        return SourceComments.Extract(text, style, Path.GetExtension(file));
    }

    /// <summary>
    /// The path-like tokens of a text: segments joined by '/' (a leading './' or '../' included), or a
    /// single segment ending in .md; placeholders are cut as described above.
    /// </summary>
    public static IEnumerable<string> PathTokens(string text)
    {
        if (!text.Contains('/') && !text.Contains(".md", StringComparison.Ordinal))
        {
            yield break;
        }
        foreach (Match m in PathToken().Matches(text))
        {
            var token = m.Value;
            var after = m.Index + m.Length < text.Length ? text[m.Index + m.Length] : ' ';
            if (after is '<' or '{' or '$' or '%' or '[' or '@')
            {
                var cut = token.LastIndexOf('/');
                if (cut <= 0)
                {
                    continue;
                }
                token = token[..(cut + 1)];
            }
            token = token.TrimEnd('.');
            if (token.Contains("//", StringComparison.Ordinal) || token.Trim('.', '/').Length == 0)
            {
                continue;
            }
            if (token.Contains('/') || (token.EndsWith(".md", StringComparison.Ordinal) && !token.StartsWith('.')))
            {
                yield return token;
            }
        }
    }

    static string? ReferenceProblem(RepositoryTree tree, string file, string token)
    {
        if (ReferenceAllowlist.IsNotAPath(file, token))
        {
            return null;
        }
        var folder = RepositoryTree.FolderOf(file);
        var isDoc = token.EndsWith(".md", StringComparison.Ordinal);
        if (token.StartsWith("./", StringComparison.Ordinal))
        {
            // ./run.sh: a file of the root (where commands run) or of the file's folder.
            var plain = token.TrimStart('.', '/');
            return tree.Exists(plain) || tree.Exists(RepositoryTree.Combine(folder, plain) ?? "") ? null : "no such file or folder";
        }
        if (!token.Contains('/'))
        {
            var exists = tree.FileExists(token) || tree.FileExists(RepositoryTree.Combine(folder, token) ?? "")
                         || tree.FilesNamed(token).Any();
            return exists ? null : "no file of this name in the repository";
        }

        var candidates = new List<string>();
        if (token.StartsWith("../", StringComparison.Ordinal))
        {
            if (RepositoryTree.Combine(folder, token) is not { } resolved || !(isDoc || tree.TopLevelFolders.Contains(FirstSegment(resolved))))
            {
                return null; // outside the repository, or not a folder of it: not checked
            }
            candidates.Add(resolved);
        }
        else
        {
            var first = FirstSegment(token);
            var besideFile = folder.Length > 0 && tree.FolderExists(folder + "/" + first);
            if (!(isDoc || tree.TopLevelFolders.Contains(first) || besideFile))
            {
                return null;
            }
            candidates.Add(RepositoryTree.Combine("", token) ?? token);
            if (folder.Length > 0 && RepositoryTree.Combine(folder, token) is { } fromFile)
            {
                candidates.Add(fromFile);
            }
        }
        if (candidates.Any(c => ReferenceAllowlist.Generated().IsMatch(c)))
        {
            return null;
        }
        var found = candidates.Any(c => c.Contains('*') ? tree.AnyMatches(c) : tree.Exists(c));
        return found ? null : "no such file or folder";
    }

    static string FirstSegment(string path)
    {
        var cut = path.IndexOf('/');
        return cut < 0 ? path : path[..cut];
    }

    /// <summary>
    /// Lines of any text file that point at the shared folder beside the repository (two dots, a
    /// slash, "shared", a slash): a user's clone has no such folder.
    /// </summary>
    public static List<BrokenReference> PointersToSharedFolder(RepositoryTree tree)
    {
        var found = new List<BrokenReference>();
        foreach (var file in tree.Files)
        {
            var text = tree.ReadText(file);
            if (text is null)
            {
                continue;
            }
            var number = 0;
            foreach (var line in Markdown.Lines(text))
            {
                number++;
                if (line.Contains("shared", StringComparison.Ordinal) && SharedFolder().Match(line) is { Success: true } m)
                {
                    var end = line.IndexOfAny([' ', '`', ')', '"', '\''], m.Index);
                    found.Add(new BrokenReference(file, number, end < 0 ? line[m.Index..] : line[m.Index..end],
                        "points outside the repository; link the repository's own copy (docs/driverkit-semantics.md for the semantics)"));
                }
            }
        }
        return found;
    }

    /// <summary>The failure text: a count and one line per broken reference, in file and line order.</summary>
    public static string Describe(string what, IEnumerable<BrokenReference> broken)
    {
        var lines = broken.OrderBy(b => b.File, StringComparer.Ordinal).ThenBy(b => b.Line).Select(b => "  " + b).ToList();
        return $"{lines.Count} {what}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }

    // Two dots, one or more slashes, "shared", a slash (written so that this file does not match it).
    [GeneratedRegex(@"\.\.[/\\]+shared[/\\]")]
    private static partial Regex SharedFolder();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex Scheme();

    // A path-like token: not preceded by anything that makes it part of a longer word, URL, variable
    // or absolute path; segments of letters, digits, '_', '.', '-', '+' (and '*' after the first).
    [GeneratedRegex(@"(?<![\w.\-/@$~{}%:\\*])(?:\.{1,2}/)*\.?[A-Za-z0-9_][A-Za-z0-9_.+\-]*(?:/[A-Za-z0-9_.+\-*]+)*/?")]
    private static partial Regex PathToken();

    // The target part of an inline Markdown link, "](...)": BrokenMarkdownLinks checks those.
    [GeneratedRegex(@"(?<=\])\([^)\s]*(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkTarget();
}
