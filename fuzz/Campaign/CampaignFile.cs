using System.Globalization;
using System.Text.Json;

namespace ConformanceKit.Fuzz;

/// <summary>OUT/campaign.json: the campaign's figures, read by reports, scripts, `fuzz --resume` and `triage`.</summary>
public static class CampaignFile
{
    public const string FileName = "campaign.json";

    public static string PathIn(string outputDirectory) => Path.Combine(outputDirectory, FileName);

    /// <summary>The figures shared by campaign.json and `fuzz --json`, in that order.</summary>
    public static Dictionary<string, object?> Figures(CampaignResult result) => new()
    {
        ["dext"] = result.Dext,
        ["variant"] = result.Variant.Name(),
        ["transport"] = result.Variant.Transport(),
        ["jobs"] = result.Jobs,
        ["durationSeconds"] = Math.Round(result.Elapsed.TotalSeconds, 1),
        ["execs"] = result.Execs,
        ["execsPerSecond"] = Math.Round(result.ExecsPerSecond, 1),
        ["paths"] = result.Paths,
        ["startedAt"] = result.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        ["crashInputs"] = result.CrashInputs,
        ["unreproduced"] = result.Unreproduced,
        ["untriaged"] = result.Untriaged,
        ["interrupted"] = result.Interrupted,
    };

    public static void Write(string path, CampaignResult result) => Write(path, result, null);

    /// <summary>
    /// Writes campaign.json atomically. With the options, it also records what `conformancekit triage`
    /// needs to finish the queue without being told again: the dext folder, the spec and the per-call timeout.
    /// </summary>
    public static void Write(string path, CampaignResult result, CampaignOptions? options)
    {
        var document = Figures(result);
        document["findings"] = result.Findings.Count;
        document["instances"] = result.Instances.Select(i => new
        {
            name = i.Instance, execs = i.Execs, execsPerSecond = i.ExecsPerSecond, paths = i.Paths, crashInputs = i.Crashes, stability = i.Stability,
        }).ToArray();
        if (options is not null)
        {
            document["dextFolder"] = options.Target.Directory;
            document["spec"] = options.Spec.SourcePath;
            document["callTimeoutMs"] = (int)options.CallTimeout.TotalMilliseconds;
        }
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>What a later command reads back from campaign.json (every field optional: older campaigns lack some).</summary>
    public sealed record Saved(string? Dext, string? Variant, int? Jobs, DateTimeOffset? StartedAt, double? DurationSeconds,
        string? DextFolder, string? Spec, int? CallTimeoutMs, bool Interrupted);

    /// <summary>campaign.json of OUT, or null when there is none or it cannot be read.</summary>
    public static Saved? Read(string outputDirectory)
    {
        var path = PathIn(outputDirectory);
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            int? Int(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
            double? Number(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            DateTimeOffset? started = DateTimeOffset.TryParse(Text("startedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;
            var interrupted = root.TryGetProperty("interrupted", out var i) && i.ValueKind == JsonValueKind.True;
            return new Saved(Text("dext"), Text("variant"), Int("jobs"), started, Number("durationSeconds"), Text("dextFolder"), Text("spec"), Int("callTimeoutMs"),
                interrupted);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
