namespace ConformanceKit.Targets;

/// <summary>
/// The one table of the Xcode build settings a dext's Info.plist and entitlements may use, with the
/// value each has when the spec's <c>build:</c> does not set it. Everything that expands a setting —
/// the plan the build embeds (<see cref="DextPlan"/>), the reproducer identity over it — reads this
/// table through <see cref="BuildSettings"/>; README "The spec format" lists the same. A default may
/// refer to other settings, as Xcode's do, so setting PRODUCT_NAME also changes EXECUTABLE_NAME.
/// </summary>
public static class BuildSettingDefaults
{
    /// <summary>The bundle identifier when neither the spec's bundleIdentifier nor build.PRODUCT_BUNDLE_IDENTIFIER gives one.</summary>
    public const string DerivedBundleIdentifier = "com.example.$(PRODUCT_NAME:rfc1034identifier)";

    /// <summary>A team ID of the right shape for the team-prefixed settings; no simulated check reads it.</summary>
    public const string PlaceholderTeam = "0000000000";

    /// <param name="dextName">The dext folder's name (it names lib&lt;Name&gt;.so, as the target's name names the product in Xcode).</param>
    /// <param name="bundleIdentifier">The spec's bundleIdentifier, if it has one.</param>
    public static IReadOnlyList<(string Name, string Value)> For(string dextName, string? bundleIdentifier) =>
    [
        ("TARGET_NAME", dextName),
        ("PRODUCT_NAME", "$(TARGET_NAME)"),
        ("EXECUTABLE_NAME", "$(PRODUCT_NAME)"),
        ("PRODUCT_BUNDLE_IDENTIFIER", bundleIdentifier ?? DerivedBundleIdentifier),
        ("MARKETING_VERSION", "1.0"),
        ("CURRENT_PROJECT_VERSION", "1"),
        ("DEVELOPMENT_LANGUAGE", "en"),
        ("PRODUCT_BUNDLE_PACKAGE_TYPE", "DEXT"),
        ("DEVELOPMENT_TEAM", PlaceholderTeam),
        ("TeamIdentifierPrefix", "$(DEVELOPMENT_TEAM)."),
        ("AppIdentifierPrefix", "$(DEVELOPMENT_TEAM)."),
    ];
}
