// The hook under test, wired exactly as in harness/Tests and properties/Tests.
[assembly: ConformanceKit.Reports.NUnit.AllureResults]
