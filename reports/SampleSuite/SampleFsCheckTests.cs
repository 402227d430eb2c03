
namespace ConformanceKit.Reports.SampleSuite;

/// <summary>An FsCheck property that is false, so its shrunk counterexample must be attached.</summary>
[TestFixture]
public class SampleFsCheckTests
{
    [FsCheck.NUnit.Property(MaxTest = 100)]
    public bool ReversingKeepsOrder(int[] values) => values.Reverse().SequenceEqual(values);
}
