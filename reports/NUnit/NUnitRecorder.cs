using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace ConformanceKit.Reports.NUnit;

/// <summary>
/// Records one test assembly's run into one results directory: a result per test as it ends and, when
/// the assembly ends, results for the tests no test action saw and a container per fixture (its
/// children and, when it has one, its OneTimeSetUp).
/// </summary>
public sealed class NUnitRecorder
{
    static readonly ConcurrentDictionary<string, NUnitRecorder> ByDirectory = new(StringComparer.Ordinal);

    readonly ConcurrentDictionary<string, string> recorded = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, ConcurrentQueue<string>> childrenOf = new(StringComparer.Ordinal);

    NUnitRecorder(ResultsDirectory results)
    {
        Results = ConformanceResults.Prepare(results);
        Results.MergeEnvironment(RunEnvironment());
    }

    public ResultsDirectory Results { get; }

    /// <summary>The recorder for $ALLURE_RESULTS_DIR, or null when it is unset (then the hook does nothing).</summary>
    public static NUnitRecorder? ForEnvironment() =>
        Environment.GetEnvironmentVariable(ResultsDirectory.Variable) is { Length: > 0 } path
            ? ByDirectory.GetOrAdd(Path.GetFullPath(path), p => new NUnitRecorder(new ResultsDirectory(p)))
            : null;

    public bool HasRecorded(ITest test) => recorded.ContainsKey(test.Id);

    /// <param name="startUtc">when the test started (its execution context's start time)</param>
    public void TestFinished(ITest test, ITestResult result, DateTime startUtc) =>
        Record(test, result, startUtc, DateTime.UtcNow, RunContext.Thread, TestContext.CurrentContext.WorkDirectory);

    /// <summary>
    /// A suite ended. NUnit runs an assembly-level action for the assembly suite only, so in practice this
    /// is the end of the assembly: every test has a result by now, and every fixture its children.
    /// </summary>
    public void SuiteFinished(ITestResult result)
    {
        RecordUnseen(result);
        WriteContainers(result);
    }

    void Record(ITest test, ITestResult result, DateTime startUtc, DateTime stopUtc, string thread, string? workDirectory)
    {
        var allure = NUnitResultBuilder.Build(test, result, startUtc, stopUtc, thread, workDirectory, Results);
        Results.Write(allure);
        recorded[test.Id] = allure.Uuid;
        if (test.Parent is { } parent) childrenOf.GetOrAdd(ContainerOf(parent).Id, _ => new()).Enqueue(allure.Uuid);
    }

    /// <summary>Tests no action ran for: children of a fixture whose OneTimeSetUp failed, ignored tests.</summary>
    void RecordUnseen(ITestResult result)
    {
        if (!result.Test.IsSuite)
        {
            // Explicit tests that were not asked for are not part of the run.
            if (!HasRecorded(result.Test) && result.ResultState != ResultState.Explicit)
                Record(result.Test, result, result.StartTime, result.EndTime == default ? result.StartTime : result.EndTime, "not run", null);
            return;
        }
        foreach (var child in result.Children) RecordUnseen(child);
    }

    /// <summary>
    /// A container per fixture that has recorded tests: its children and, when the fixture declares a
    /// OneTimeSetUp or it failed, that set-up as a "before" — from the fixture's start to its first
    /// test's start, the closest NUnit's result tree gets to the set-up's own duration.
    /// </summary>
    void WriteContainers(ITestResult result)
    {
        if (!result.Test.IsSuite) return;
        foreach (var child in result.Children) WriteContainers(child);
        if (!childrenOf.TryRemove(result.Test.Id, out var children) || children.IsEmpty) return;

        var start = NUnitResultBuilder.Milliseconds(result.StartTime);
        var firstTestStart = Leaves(result).Select(r => r.StartTime).Where(t => t != default).DefaultIfEmpty(result.StartTime).Min();
        var befores = new List<StepResult>();
        var setUpFailed = result.ResultState.Site == FailureSite.SetUp;
        if (setUpFailed || DeclaresOneTimeSetUp(result.Test))
        {
            befores.Add(new StepResult
            {
                Name = "OneTimeSetUp",
                Status = setUpFailed ? AllureStatus.Broken : AllureStatus.Passed,
                StatusDetails = setUpFailed ? new StatusDetails { Message = result.Message, Trace = result.StackTrace } : null,
                Start = start,
                Stop = Math.Max(start, NUnitResultBuilder.Milliseconds(firstTestStart)),
            });
        }
        Results.Write(new AllureContainer
        {
            Uuid = ResultsDirectory.NewUuid(),
            Name = result.Test.FullName,
            Children = children.ToArray(),
            Befores = befores,
            Start = start,
            Stop = Math.Max(start, NUnitResultBuilder.Milliseconds(result.EndTime == default ? DateTime.UtcNow : result.EndTime)),
        });
    }

    static IEnumerable<ITestResult> Leaves(ITestResult result) =>
        result.Test.IsSuite ? result.Children.SelectMany(Leaves) : [result];

    /// <summary>The fixture a test's container belongs to: parameterized methods are grouped under their fixture.</summary>
    static ITest ContainerOf(ITest parent) => parent is ParameterizedMethodSuite && parent.Parent is { } fixture ? fixture : parent;

    static bool DeclaresOneTimeSetUp(ITest suite) =>
        suite.TypeInfo?.Type is { } type &&
        type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(m => m.IsDefined(typeof(OneTimeSetUpAttribute), inherit: true));

    static IEnumerable<KeyValuePair<string, string>> RunEnvironment()
    {
        yield return new("dotnet", RuntimeInformation.FrameworkDescription);
        yield return new("os", RuntimeInformation.OSDescription);
        foreach (var name in TestContext.Parameters.Names)
            yield return new($"nunit.{name}", TestContext.Parameters[name] ?? "");
        foreach (var variable in new[] { "CK_DEXTS", "CK_TRANSPORT", "CK_VARIANT", "CK_SEED", "CK_CASES" })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value) yield return new(variable, value);
    }
}
