using System.Text;
using ConformanceKit.Programs;

namespace ConformanceKit.Fuzz;

/// <summary>The seeds and the AFL dictionary of a campaign, generated from the spec.</summary>
public static class CorpusFiles
{
    /// <summary>The seed a campaign falls back to when every generated seed breaks a rule: open c0, close c0.</summary>
    public const string FallbackSeedName = "open-close";

    public static byte[] FallbackSeed => ProgramSeeds.OpenClose;

    public static void Write(CampaignOptions options)
    {
        var seeds = new ProgramSeeds(options.Spec);
        System.IO.Directory.CreateDirectory(options.SeedDirectory);
        foreach (var (name, bytes) in seeds.All())
            File.WriteAllBytes(Path.Combine(options.SeedDirectory, name), bytes);
        var dictionary = new StringBuilder();
        dictionary.Append("# AFL dictionary generated from ").Append(options.Spec.SourcePath).Append('\n');
        foreach (var (name, token) in seeds.Dictionary())
            dictionary.Append(name).Append("=\"").Append(Escape(token)).Append("\"\n");
        File.WriteAllText(options.DictionaryPath, dictionary.ToString());
    }

    /// <summary>AFL's dictionary syntax: printable ASCII as is, everything else as \xNN.</summary>
    static string Escape(byte[] token)
    {
        var text = new StringBuilder();
        foreach (var b in token)
            text.Append(b is >= 0x20 and < 0x7f && b != '"' && b != '\\' ? ((char)b).ToString() : $"\\x{b:x2}");
        return text.ToString();
    }
}
