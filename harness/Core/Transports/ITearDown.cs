namespace ConformanceKit.Transports;

/// <summary>
/// Ends a program: stops the dext's services and releases everything the program left (the
/// simulator's dksim_reset, without booting again), so that its teardown — Stop, free, the
/// destructors — runs within the program that caused it. A crash there is that program's finding,
/// reproduced by running the program alone, and the dext edges it covers count for that program's
/// input: left to the next program's reset, they were charged to whatever input came next, which made
/// the fuzzer see one input take different paths from one run to the next. A real Mac has no such
/// operation (services run on); the runner tears down where the transport offers it.
/// </summary>
public interface ITearDown
{
    void TearDown();
}
