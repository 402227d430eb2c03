using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Tests.Support;

/// <summary>
/// What the conformance suite runs against, from NUnit test parameters (a .runsettings file, or
/// `dotnet test -- TestRunParameters.Parameter(name="seed", value="5")`), else environment variables:
/// <code>
/// dexts      CK_DEXTS      dext folders, ';'-separated (default: dext/NullDriver;dext/NullDriverHardened)
/// transport  CK_TRANSPORT  socket (default) or inproc
/// variant    CK_VARIANT    asan (default for socket) or release
/// seed       CK_SEED       default 1
/// cases      CK_CASES      random programs per property, default 60
/// </code>
/// </summary>
public static class SuiteSettings
{
    public static IReadOnlyList<string> Dexts => (Get("dexts", "CK_DEXTS") ?? DefaultDexts)
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => Path.IsPathRooted(d) ? d : Path.Combine(RepositoryLayout.Root, d))
        .ToArray();

    public static string Transport => Get("transport", "CK_TRANSPORT") ?? "socket";

    public static string Variant => Get("variant", "CK_VARIANT") ?? (Transport == TransportKind.Socket.Name() ? "asan" : "release");

    public static int Seed => int.Parse(Get("seed", "CK_SEED") ?? "1", System.Globalization.CultureInfo.InvariantCulture);

    public static int Cases => int.Parse(Get("cases", "CK_CASES") ?? "60", System.Globalization.CultureInfo.InvariantCulture);

    const string DefaultDexts = "dext/NullDriver;dext/NullDriverHardened";

    static string? Get(string parameter, string variable) =>
        TestContext.Parameters.Get(parameter) is { Length: > 0 } value ? value
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } env ? env
        : null;
}
