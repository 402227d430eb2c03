using System.Runtime.InteropServices;

namespace ConformanceKit.Transports.MacOS;

/// <summary>The one-line answer for --transport iokit anywhere but macOS.</summary>
public static class IOKitPlatform
{
    public static string NotMacOSMessage =>
        "--transport iokit needs macOS with the dext installed (IOKit.framework); this is " + RuntimeInformation.OSDescription;
}
