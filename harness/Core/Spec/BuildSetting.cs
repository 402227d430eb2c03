namespace ConformanceKit.Spec;

/// <summary>
/// One Xcode build setting the spec sets under <c>build:</c> (NAME: value), e.g. PRODUCT_BUNDLE_IDENTIFIER.
/// The value may refer to other settings ($(NAME), ${NAME}); it is expanded where Info.plist or the
/// entitlements use it (harness/Core/Targets/BuildSettings.cs).
/// </summary>
/// <param name="Line">The setting's line in the spec: where an error in its value is reported.</param>
public sealed record BuildSetting(string Name, string Value, int Line);
