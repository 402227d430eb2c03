using ConformanceKit.IOKit;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// The async reference a survey's call with a completion carries (IOKit's OSMessageNotification.h:
/// kIOAsyncCalloutFuncIndex 1, kIOAsyncCalloutRefconIndex 2): a callback address the runtime only passes
/// back, and a refcon that tells whose completion arrived.
/// </summary>
internal static class SurveyReference
{
    const ulong Callback = 0xC0FFEE;

    public static ulong[] With(ulong refcon)
    {
        var reference = new ulong[IOKitLimits.AsyncReferenceCount];
        reference[1] = Callback;
        reference[2] = refcon;
        return reference;
    }
}
