using ConformanceKit.Reports.Allure.Identity;
using ConformanceKit.Reports.Allure.Model;

namespace ConformanceKit.Reports.Tests.Allure;

[TestFixture]
public class AllureIdsTests
{
    [Test]
    public void TheTestCaseIdIsTheMd5OfTheFullName() =>
        Assert.That(AllureIds.TestCaseId("a"), Is.EqualTo("0cc175b9c0f1b6a831c399e269772661"));

    [Test]
    public void TheHistoryIdIsComputedAsAllure3DoesIt()
    {
        // md5("t") "." md5("a:1,b:2") — the non-excluded parameters sorted by name (convert.ts, calculateHistoryId).
        var id = AllureIds.HistoryId("t", [Parameter.Tracked("b", "2"), Parameter.Informational("seed", "9"), Parameter.Tracked("a", "1")]);
        Assert.That(id, Is.EqualTo($"{AllureIds.Md5("t")}.{AllureIds.Md5("a:1,b:2")}"));
        Assert.That(AllureIds.Md5("t"), Is.EqualTo("e358efa489f58062f10dd7316b65649e"));
    }

    [Test]
    public void ExcludedParametersAndOrderDoNotChangeTheHistoryId()
    {
        var one = AllureIds.HistoryId("t", [Parameter.Tracked("transport", "socket"), Parameter.Informational("seed", "1")]);
        var other = AllureIds.HistoryId("t", [Parameter.Informational("seed", "2"), Parameter.Tracked("transport", "socket")]);
        var differentTransport = AllureIds.HistoryId("t", [Parameter.Tracked("transport", "inproc")]);
        Assert.That(other, Is.EqualTo(one));
        Assert.That(differentTransport, Is.Not.EqualTo(one));
    }

    [Test]
    public void TheReportIdIsTheMd5OfTheUuid() =>
        Assert.That(AllureIds.ReportId("11111111-1111-1111-1111-111111111111"), Is.EqualTo(AllureIds.Md5("11111111-1111-1111-1111-111111111111")).And.Length.EqualTo(32));
}
