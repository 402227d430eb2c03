namespace ConformanceKit.Cli;

/// <summary>The CLI's exit codes, a contract CI scripts depend on.</summary>
public static class ExitCodes
{
    /// <summary>Every rule holds (check, replay), or the campaign ran (fuzz).</summary>
    public const int Ok = 0;

    /// <summary>At least one finding.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or a setup problem (missing dext, bad spec, tool missing); one line on stderr.</summary>
    public const int UsageOrSetup = 2;
}
