namespace ConformanceKit.Fuzz.Triage;

/// <summary>
/// Finds the crash and hang inputs every instance saved and persists a copy of each under
/// OUT/triage/inputs before anything else looks at it: whatever happens to the campaign or to
/// triage afterwards, no input is lost. The list of copied inputs survives a resumed campaign.
/// </summary>
public sealed class CrashCollector
{
    readonly string _aflDirectory;
    readonly string _inputs;
    readonly string _ledger;
    readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public CrashCollector(CampaignOptions options)
    {
        _aflDirectory = options.AflDirectory;
        _inputs = Path.Combine(options.TriageDirectory, "inputs");
        _ledger = Path.Combine(options.TriageDirectory, "collected.txt");
        Directory.CreateDirectory(_inputs);
        if (File.Exists(_ledger))
            foreach (var line in File.ReadAllLines(_ledger))
                if (line.Length > 0) _seen.Add(line);
    }

    /// <summary>Copies the inputs not seen before and returns them, oldest first.</summary>
    public IReadOnlyList<CrashInput> Collect()
    {
        var found = new List<CrashInput>();
        if (!Directory.Exists(_aflDirectory)) return found;
        foreach (var instance in Directory.GetDirectories(_aflDirectory).Order(StringComparer.Ordinal))
        {
            foreach (var kind in new[] { "crashes", "hangs" })
            {
                var folder = Path.Combine(instance, kind);
                if (!Directory.Exists(folder)) continue;
                foreach (var file in Directory.GetFiles(folder, "id:*").Order(StringComparer.Ordinal))
                {
                    var key = Path.GetRelativePath(_aflDirectory, file);
                    if (_seen.Contains(key)) continue;
                    var saved = Path.Combine(_inputs, Sanitize($"{Path.GetFileName(instance)}-{kind}-{Path.GetFileName(file)}"));
                    try
                    {
                        File.Copy(file, saved, overwrite: true);
                    }
                    catch (IOException)
                    {
                        continue; // afl-fuzz is still writing it; the next pass takes it
                    }
                    _seen.Add(key);
                    File.AppendAllText(_ledger, key + "\n");
                    found.Add(new CrashInput(Path.GetFileName(instance), kind == "crashes" ? "crash" : "hang", file, saved));
                }
            }
        }
        return found;
    }

    /// <summary>AFL's names hold ':' and ','; keep the copy's name portable.</summary>
    static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
