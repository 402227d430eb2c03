using ConformanceKit.Contracts;

namespace ConformanceKit.Reports.Export.Common;

/// <summary>
/// Reads the files ConformanceKit writes through their contracts (ConformanceKit.Contracts); a file
/// that is not its contract is an <see cref="ExportException"/> naming the file (exit 2 in the tool).
/// </summary>
public static class InputJson
{
    public static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ContractException e)
        {
            throw new ExportException(e.Path, e.Problem);
        }
    }
}
