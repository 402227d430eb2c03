using System.Text.Json;

namespace ConformanceKit.Fuzz;

/// <summary>OUT/campaign.json: the campaign's figures, read by reports and scripts.</summary>
public static class CampaignFile
{
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
        ["startedAt"] = result.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["crashInputs"] = result.CrashInputs,
        ["unreproduced"] = result.Unreproduced,
    };

    public static void Write(string path, CampaignResult result)
    {
        var document = Figures(result);
        document["findings"] = result.Findings.Count;
        document["instances"] = result.Instances.Select(i => new
        {
            name = i.Instance, execs = i.Execs, execsPerSecond = i.ExecsPerSecond, paths = i.Paths, crashInputs = i.Crashes, stability = i.Stability,
        }).ToArray();
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, path, overwrite: true);
    }
}
