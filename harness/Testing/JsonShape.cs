using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConformanceKit.Testing;

/// <summary>
/// Compares a JSON file ConformanceKit wrote with its approved copy field by field, and says each
/// difference on a line of its own (a field gone, a field new, its kind or its place changed, and with
/// values a value changed), so that a changed file format fails a test with a diff a reviewer can
/// read instead of two walls of JSON. Shape only (names, order, kinds) where the values vary by run.
/// </summary>
public static class JsonShape
{
    /// <summary>The approved JSON of a file format, kept with its contract: contracts/Tests/Approved/<paramref name="name"/>.</summary>
    public static string Approved(string name) => Path.Combine(Targets.RepositoryLayout.Root, "contracts", "Tests", "Approved", name);

    public static IReadOnlyList<string> Differences(string approvedPath, string actualJson, bool values)
    {
        var differences = new List<string>();
        Compare(JsonNode.Parse(File.ReadAllText(approvedPath)), JsonNode.Parse(actualJson), values, "$", differences);
        return differences;
    }

    /// <summary>The differences as an assertion message: what changed, and what to do when the change is meant.</summary>
    public static string Report(string approvedPath, IReadOnlyList<string> differences) =>
        $"the JSON differs from its approved shape {approvedPath}:\n  {string.Join("\n  ", differences)}\n" +
        "If the change is meant, update the approved file (CK_APPROVE=1 rewrites it), and keep the readers accepting files of the older shape.";

    static void Compare(JsonNode? expected, JsonNode? actual, bool values, string path, List<string> differences)
    {
        // For the shape, a null stands for any kind: a field such as a selector is null in one file and a number in the next.
        if (!values && (expected is null || actual is null)) return;
        var (expectedKind, actualKind) = (Kind(expected), Kind(actual));
        if (expectedKind != actualKind)
        {
            differences.Add($"{path}: approved {Describe(expected)}, found {Describe(actual)}");
            return;
        }
        switch (expected, actual)
        {
            case (JsonObject approved, JsonObject found):
                CompareObjects(approved, found, values, path, differences);
                break;
            case (JsonArray approved, JsonArray found):
                CompareArrays(approved, found, values, path, differences);
                break;
            default:
                if (values && !JsonNode.DeepEquals(expected, actual))
                    differences.Add($"{path}: approved {Describe(expected)}, found {Describe(actual)}");
                break;
        }
    }

    static void CompareObjects(JsonObject approved, JsonObject found, bool values, string path, List<string> differences)
    {
        foreach (var (name, value) in approved)
        {
            if (!found.TryGetPropertyValue(name, out var other))
                differences.Add($"{path}.{name}: missing (approved: {Describe(value)})");
            else
                Compare(value, other, values, $"{path}.{name}", differences);
        }
        foreach (var (name, value) in found)
            if (!approved.ContainsKey(name)) differences.Add($"{path}.{name}: not in the approved file ({Describe(value)})");
        var common = approved.Select(p => p.Key).Where(found.ContainsKey).ToArray();
        var order = found.Select(p => p.Key).Where(approved.ContainsKey).ToArray();
        if (!common.SequenceEqual(order, StringComparer.Ordinal))
            differences.Add($"{path}: fields in another order: approved {string.Join(", ", common)}; found {string.Join(", ", order)}");
    }

    /// <summary>With values, element by element; for the shape, every element found against the first approved one.</summary>
    static void CompareArrays(JsonArray approved, JsonArray found, bool values, string path, List<string> differences)
    {
        if (values && approved.Count != found.Count)
        {
            differences.Add($"{path}: approved {approved.Count} element(s), found {found.Count}");
            return;
        }
        for (var i = 0; i < found.Count; i++)
        {
            var model = values ? approved[i] : approved.Count > 0 ? approved[0] : null;
            if (model is null && !values) continue;
            Compare(model, found[i], values, $"{path}[{i}]", differences);
        }
    }

    static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null => JsonValueKind.Null,
        JsonValueKind.True or JsonValueKind.False => JsonValueKind.True,
        var kind => kind.Value,
    };

    static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray array => $"an array of {array.Count}",
        _ => $"{KindName(Kind(node))} {node.ToJsonString()}",
    };

    static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
