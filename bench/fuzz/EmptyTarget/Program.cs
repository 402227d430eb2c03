using SharpFuzz;

// Reads the input to its end, as the real target does, and marks one edge in AFL's map (with the
// map left empty, afl-fuzz 4.04c stops at once: "No instrumentation detected"). Nothing else, so
// afl-fuzz's exec/s on this is the cost of the engine plus SharpFuzz's loop in a .NET process: the
// ceiling for any SharpFuzz target here.
Fuzzer.Run(stream =>
{
    stream.CopyTo(Stream.Null);
    unsafe
    {
        SharpFuzz.Common.Trace.SharedMem[1]++;
    }
});
