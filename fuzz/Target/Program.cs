using ConformanceKit.Fuzz.Target;
using SharpFuzz;

// afl-fuzz runs this with the settings in the environment (see TargetSettings); without afl-fuzz it
// runs one input from stdin, which is how an input can be checked by hand.
TargetSettings settings;
try
{
    settings = TargetSettings.FromEnvironment();
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"fuzz target: error: {e.Message}");
    return 2;
}
// The harness assembly is instrumented: its code writes to SharpFuzz's map, which exists only once
// Fuzzer.Run has started. So the target is built inside the first execution, never before.
FuzzTarget? target = null;
Fuzzer.Run(stream =>
{
    target ??= new FuzzTarget(settings);
    target.Execute(stream);
});
target?.Dispose();
return 0;
