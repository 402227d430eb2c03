using ConformanceKit.IOKit;
using ConformanceKit.Transports;

namespace ConformanceKit.Spec.Draft;

/// <summary>How a dispatch entry's fields and the survey's codes are spelled in a spec, for the draft and the drift alike.</summary>
internal static class EntryWords
{
    /// <summary>checkCompletionExists: 0 forbidden, kIOUserClientVariableStructureSize any, anything else required.</summary>
    public static CompletionRule Completion(uint check) =>
        check == DispatchEntry.Variable ? CompletionRule.Any : check == 0 ? CompletionRule.Forbidden : CompletionRule.Required;

    public static string Word(CompletionRule rule) => rule switch { CompletionRule.Any => "any", CompletionRule.Required => "required", _ => "forbidden" };

    public static string Word(AccessPolicy access) => access == AccessPolicy.Any ? "any" : "entitled";

    public static string Word(AsyncRole role) => role switch { AsyncRole.RegisterCallback => "register", AsyncRole.Request => "request", AsyncRole.Own => "own", _ => "none" };

    /// <summary>An IOReturn as a spec names it: kIOReturnX, or its hex value when it has no name.</summary>
    public static string Code(IOReturn code) => code.Name ?? $"0x{code.Value:x8}";
}
