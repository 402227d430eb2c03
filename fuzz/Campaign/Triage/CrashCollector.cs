using ConformanceKit.Contracts;
using ConformanceKit.Contracts.Campaigns;

namespace ConformanceKit.Fuzz.Triage;

/// <summary>
/// Copies every crash and hang input afl-fuzz saves into OUT/triage/inputs (atomically, so a copy is
/// whole or absent) before anything else happens to it, so that nothing is
/// lost if triage or the campaign fails later. A ledger (OUT/triage/collected.txt) records what was
/// taken, keyed by instance, kind and AFL's file name, so a resumed campaign collects only new
/// inputs — including those in the crashes.&lt;time&gt;/ and hangs.&lt;time&gt;/ folders afl-fuzz moves
/// the old ones to when it resumes (an input it saved but the campaign had not collected yet).
/// It also takes the first input of each known finding the fuzz targets ran into (OUT/known/*.bin,
/// <see cref="KnownHitsFile"/>; kind "known"), so that each known finding gets its finding folder too.
/// </summary>
public sealed class CrashCollector
{
    readonly string _aflDirectory;
    readonly string _knownDirectory;
    readonly string _inputs;
    readonly string _ledger;
    readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public CrashCollector(CampaignOptions options)
    {
        _aflDirectory = options.AflDirectory;
        _knownDirectory = options.KnownDirectory;
        _inputs = options.InputsDirectory;
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
        foreach (var file in KnownHitsFile.Inputs(_knownDirectory))
        {
            var key = $"{KnownHitsFile.FolderName}/{Path.GetFileName(file)}";
            if (_seen.Contains(key)) continue;
            var saved = Path.Combine(_inputs, Sanitize($"{KnownHitsFile.FolderName}-{Path.GetFileName(file)}"));
            AtomicFile.Copy(file, saved);
            _seen.Add(key);
            File.AppendAllText(_ledger, key + "\n");
            found.Add(new CrashInput(KnownHitsFile.FolderName, "known", file, saved));
        }
        if (!Directory.Exists(_aflDirectory)) return found;
        foreach (var instance in Directory.GetDirectories(_aflDirectory).Order(StringComparer.Ordinal))
        {
            foreach (var kind in new[] { "crashes", "hangs" })
            {
                // afl-fuzz -i - renames crashes/ to crashes.<date>/ when it resumes: the current folder last.
                var folders = Directory.GetDirectories(instance)
                    .Where(d => Path.GetFileName(d).StartsWith(kind + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                    .Append(Path.Combine(instance, kind));
                foreach (var folder in folders)
                {
                    if (!Directory.Exists(folder)) continue;
                    foreach (var file in Directory.GetFiles(folder, "id:*").Order(StringComparer.Ordinal))
                    {
                        var key = $"{Path.GetFileName(instance)}/{kind}/{Path.GetFileName(file)}";
                        if (_seen.Contains(key)) continue;
                        var saved = Path.Combine(_inputs, SavedName(Path.GetFileName(instance), kind, Path.GetFileName(file)));
                        try
                        {
                            AtomicFile.Copy(file, saved);
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
        }
        return found;
    }

    /// <summary>The name of an input's copy: instance, kind and AFL's name, with AFL's ':' and ',' made portable.</summary>
    public static string SavedName(string instance, string kind, string aflName) => Sanitize($"{instance}-{kind}-{aflName}");

    /// <summary>AFL's names hold ':' and ','; keep the copy's name portable.</summary>
    static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
