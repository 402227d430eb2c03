namespace ConformanceKit.Contracts.Campaigns;

/// <summary>
/// <c>OUT/known/</c>: what a campaign's fuzz targets keep of the known findings they ran into (the
/// findings the spec lists under <c>known:</c>, which do not crash the target). For each known
/// finding, the first input that showed it, <c>OUT/known/&lt;slug&gt;.bin</c> (written whole by the
/// first target to get there, never replaced; the campaign queues it for triage), and per fuzz target
/// process a tally, <c>OUT/known/hits-&lt;instance&gt;-&lt;pid&gt;.json</c> (this record), rewritten
/// whenever a known finding is first seen and at most once a second after. The campaign sums the
/// tallies (<see cref="Sum"/>) into campaign.json's and `fuzz --json`'s <c>knownHits</c>.
/// </summary>
public sealed record KnownHitsFile(string Instance, int ProcessId, IReadOnlyList<KnownHit> Hits)
{
    public const string FolderName = "known";
    const string TallyPrefix = "hits-", TallySuffix = ".json", InputSuffix = ".bin";

    public static string FolderIn(string outputDirectory) => Path.Combine(outputDirectory, FolderName);

    /// <summary>The tally of one fuzz target process.</summary>
    public static string TallyPath(string folder, string instance, int processId) =>
        Path.Combine(folder, $"{TallyPrefix}{instance}-{processId.ToString(System.Globalization.CultureInfo.InvariantCulture)}{TallySuffix}");

    /// <summary>The first input of the known finding whose folder slug is <paramref name="slug"/>.</summary>
    public static string InputPath(string folder, string slug) => Path.Combine(folder, slug + InputSuffix);

    /// <summary>The first inputs in <paramref name="folder"/> (none when it does not exist).</summary>
    public static IReadOnlyList<string> Inputs(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*" + InputSuffix).Order(StringComparer.Ordinal).ToArray() : [];

    /// <summary>Writes the tally atomically.</summary>
    public void WriteTo(string path) => ContractJson.Write(path, this);

    /// <exception cref="ContractException">unreadable, or not a tally.</exception>
    public static KnownHitsFile Read(string path) => ContractJson.Read<KnownHitsFile>(path);

    /// <summary>
    /// Every tally in <paramref name="folder"/> summed: one entry per signature, ordered by signature,
    /// with its first input (relative to the campaign folder) when it is there. A tally that cannot be
    /// read is left out (it is rewritten whole or not at all, so that is a file edited by hand).
    /// </summary>
    public static IReadOnlyList<KnownHit> Sum(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var sums = new SortedDictionary<string, KnownHit>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(folder, TallyPrefix + "*" + TallySuffix))
        {
            KnownHitsFile tally;
            try
            {
                tally = Read(path);
            }
            catch (ContractException)
            {
                continue;
            }
            foreach (var hit in tally.Hits)
                sums[hit.Signature] = sums.TryGetValue(hit.Signature, out var sum) ? sum with { Hits = sum.Hits + hit.Hits, FirstInput = sum.FirstInput ?? hit.FirstInput } : hit;
        }
        return sums.Values.Select(hit => hit with
        {
            FirstInput = hit.FirstInput is { } name && File.Exists(Path.Combine(folder, name)) ? $"{FolderName}/{name}" : null,
        }).ToArray();
    }
}
