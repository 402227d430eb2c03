using ConformanceKit.Programs;

namespace ConformanceKit.Cli.Commands;

/// <summary>A reproducer on disk: a program text file, or a finding folder holding reproducer.txt.</summary>
public sealed record ReproducerFile(string Path, Program Program, string? Dext, string? Signature)
{
    public const string FileName = "reproducer.txt";

    public static ReproducerFile Read(string path)
    {
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, FileName) : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"no reproducer at {file}");
        var text = File.ReadAllText(file);
        Program program;
        try
        {
            program = ProgramText.Parse(text);
        }
        catch (ProgramFormatException e)
        {
            throw new ProgramFormatException(e.Line, $"{file}: {e.Problem}");
        }
        return new ReproducerFile(file, program, Header(text, "# dext: "), Header(text, "# signature: "));
    }

    static string? Header(string text, string prefix) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
}
