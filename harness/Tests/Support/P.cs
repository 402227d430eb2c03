using ConformanceKit.Programs;

namespace ConformanceKit.Tests.Support;

/// <summary>Programs and calls written the way reproducers are: as text.</summary>
public static class P
{
    public static Program Program(string text) => ProgramText.Parse(text);

    /// <summary>The single call of "open c0\n" + line.</summary>
    public static CallStep Call(string line) => ProgramText.Parse("open c0\n" + line + "\n").Calls.Single();
}
