namespace ConformanceKit.Transports.Socket;

/// <summary>A whole program per exchange, through dexthost's RunProgram (protocol 7).</summary>
public sealed partial class SocketTransport : IProgramExecutor
{
    /// <summary>
    /// The client answering from a program's records while its replay runs — also when the program
    /// crashed the host, whose records still answer every operation before the one that crashed it.
    /// </summary>
    HostClient? _replaying;

    public IDisposable? RunProgram(ProgramExecution execution)
    {
        var client = Client();
        if (client.RunProgram(execution, CompletionBatch, HidBatch, _deviceDescription) == ProgramOutcome.Incomplete) return null;
        client.StartReplay();
        _replaying = client;
        return new Replay(this, client);
    }

    sealed class Replay(SocketTransport transport, HostClient client) : IDisposable
    {
        public void Dispose()
        {
            client.EndReplay();
            transport._replaying = null;
        }
    }
}
