using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.Repository.Tests.Support;

/// <summary>
/// The files of the repository as a clone of it holds them: what <c>git ls-files</c> lists, tracked
/// or not yet added (<c>--cached --others --exclude-standard</c>: ignored files such as build output,
/// <c>out/</c> and <c>node_modules/</c> are not part of it), less files deleted from the working tree.
/// Paths are relative to the root, separated by '/'. A folder exists when it holds a listed file.
/// </summary>
public sealed class RepositoryTree
{
    static readonly Lazy<RepositoryTree> Shared = new(() => Load(RepositoryRoot.Path));

    readonly HashSet<string> files;
    readonly HashSet<string> folders = new(StringComparer.Ordinal);
    readonly Func<string, string?> readFile;
    readonly ConcurrentDictionary<string, string?> texts = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, Regex> globs = new(StringComparer.Ordinal);

    public RepositoryTree(IEnumerable<string> paths, Func<string, string?> readFile, string listedBy)
    {
        files = new HashSet<string>(paths.Select(p => p.Replace('\\', '/')), StringComparer.Ordinal);
        Files = files.Order(StringComparer.Ordinal).ToList();
        foreach (var file in Files)
        {
            for (var cut = file.LastIndexOf('/'); cut > 0; cut = file.LastIndexOf('/', cut - 1))
            {
                if (!folders.Add(file[..cut]))
                {
                    break;
                }
            }
        }
        TopLevelFolders = folders.Where(f => !f.Contains('/')).ToHashSet(StringComparer.Ordinal);
        this.readFile = readFile;
        ListedBy = listedBy;
    }

    /// <summary>The tree of this repository, listed once per test run.</summary>
    public static RepositoryTree Current => Shared.Value;

    /// <summary>Every file, sorted ordinally.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Folders directly under the root that hold a listed file (dext, harness, docs, ...).</summary>
    public IReadOnlySet<string> TopLevelFolders { get; }

    /// <summary>How the list was made, for messages.</summary>
    public string ListedBy { get; }

    public bool FileExists(string path) => files.Contains(path);

    public bool FolderExists(string path) => path.Length == 0 || folders.Contains(path);

    /// <summary>A file or a folder; a trailing '/' asks for a folder.</summary>
    public bool Exists(string path)
    {
        var trimmed = path.TrimEnd('/');
        return (trimmed.Length == path.Length && FileExists(trimmed)) || FolderExists(trimmed);
    }

    /// <summary>Whether a listed file or folder matches a path whose '*' stands for any part of one segment.</summary>
    public bool AnyMatches(string pattern)
    {
        var regex = globs.GetOrAdd(pattern, p => new Regex(
            "^" + string.Join("[^/]*", p.TrimEnd('/').Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.CultureInvariant));
        return Files.Any(f => regex.IsMatch(f)) || folders.Any(f => regex.IsMatch(f));
    }

    /// <summary>Files whose last segment is <paramref name="name"/>.</summary>
    public IEnumerable<string> FilesNamed(string name) =>
        Files.Where(f => f.Length > name.Length ? f.EndsWith("/" + name, StringComparison.Ordinal) : f == name);

    /// <summary>The text of a listed file, or null for a binary file (a NUL byte in its first 8 KiB).</summary>
    public string? ReadText(string path) => texts.GetOrAdd(path, readFile);

    /// <summary>The folder part of a path ("" for a file at the root).</summary>
    public static string FolderOf(string path)
    {
        var cut = path.LastIndexOf('/');
        return cut < 0 ? "" : path[..cut];
    }

    /// <summary>
    /// <paramref name="relative"/> (segments separated by '/', possibly with '.' and '..') taken from
    /// <paramref name="folder"/>, normalised; null when it leaves the repository.
    /// </summary>
    public static string? Combine(string folder, string relative)
    {
        var segments = new List<string>();
        foreach (var part in (folder.Length == 0 ? relative : folder + "/" + relative).Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (segments.Count == 0)
                {
                    return null;
                }
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(part);
        }
        var combined = string.Join('/', segments);
        return relative.EndsWith('/') && combined.Length > 0 ? combined + "/" : combined;
    }

    /// <summary>Lists the repository at <paramref name="root"/> with git, or by walking it when git cannot.</summary>
    public static RepositoryTree Load(string root)
    {
        var listed = ListWithGit(root, out var listedBy) ?? Walk(root, out listedBy);
        var present = listed
            .Where(p => !p.Split('/').Contains("node_modules"))
            .Where(p => File.Exists(Path.Combine(root, p)))
            .ToList();
        return new RepositoryTree(present, p => ReadTextFile(Path.Combine(root, p)), listedBy);
    }

    static List<string>? ListWithGit(string root, out string listedBy)
    {
        listedBy = "git ls-files --cached --others --exclude-standard";
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard" })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        try
        {
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }
            var errors = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            _ = errors.Result;
            if (git.ExitCode != 0)
            {
                return null;
            }
            return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        }
        catch (Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    // Without git (a source archive): every file except what .gitignore leaves out of a clone.
    static readonly HashSet<string> NotInAClone = new(StringComparer.Ordinal)
    {
        ".git", "bin", "obj", "build", "out", "node_modules", ".vs", "BenchmarkDotNet.Artifacts", "TestResults",
    };

    static List<string> Walk(string root, out string listedBy)
    {
        listedBy = "a walk of " + root + " (git ls-files could not run)";
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                if (!NotInAClone.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }
            found.AddRange(Directory.EnumerateFiles(folder).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')));
        }
        return found;
    }

    static string? ReadTextFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0)
        {
            return null;
        }
        return new UTF8Encoding(false).GetString(bytes);
    }
}
