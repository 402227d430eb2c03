using ConformanceKit.IOKit;

namespace ConformanceKit.Transports;

/// <summary>What IOConnectCallMethod hands back: the return code and the output sizes it set.</summary>
public readonly record struct CallResult(IOReturn Return, uint ScalarOutputCount, ulong StructOutputSize);
