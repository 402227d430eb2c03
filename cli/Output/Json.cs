using ConformanceKit.Contracts;

namespace ConformanceKit.Cli.Output;

/// <summary>How the CLI writes its --json files: in the one form of ConformanceKit's files (<see cref="ContractJson"/>), atomically.</summary>
public static class Json
{
    /// <summary>Writes <paramref name="value"/> atomically; serialized first, so a failure leaves neither the file nor a temporary one.</summary>
    /// <exception cref="UsageException">the file cannot be written.</exception>
    public static void Write<T>(string path, T value) => OutputPath.WriteText(path, ContractJson.Serialize(value));
}
