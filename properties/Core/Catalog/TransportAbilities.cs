using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Catalog;

/// <summary>What the chosen transport lets the suite judge: the rules that depend on it are otherwise "not judged".</summary>
public sealed record TransportAbilities(bool ObservesObjects, bool ChoosesEntitlements, bool IsolatesCrashes, bool ObservesHid = true, bool DrivesDevice = true,
    bool SeesDispatchEntries = true)
{
    /// <summary>Everything (the simulator over a socket): for listing the suite's rows before any transport is open.</summary>
    public static readonly TransportAbilities All = new(true, true, true);

    public static TransportAbilities Of(IDextTransport transport) =>
        new(transport.Capability<ILiveObjects>() is not null, transport.CanChooseClientEntitlements, transport.IsolatesCrashes,
            transport.Capability<IHidReports>() is not null, transport.Capability<ISimulatedDevice>() is not null,
            transport.Capability<IDispatchEntries>() is not null);
}
