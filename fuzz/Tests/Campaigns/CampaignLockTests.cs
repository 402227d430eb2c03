using System.Globalization;

namespace ConformanceKit.Fuzz.Tests.Campaigns;

/// <summary>
/// One campaign per folder: OUT/.campaign.lock is an flock the holder keeps for its whole run, with
/// its PID in the file for the refusal. flock locks belong to open file descriptions, so a second
/// open in the same process conflicts like another process would.
/// </summary>
[TestFixture]
public class CampaignLockTests
{
    string _out = "";

    [SetUp]
    public void SetUp() => _out = Path.Combine(Directory.CreateTempSubdirectory("ck-lock-").FullName, "campaign");

    [TearDown]
    public void TearDown() => Directory.Delete(Path.GetDirectoryName(_out)!, recursive: true);

    [Test]
    public void ASecondHolderIsRefusedWithTheFirstOnesPidUntilTheFirstLetsGo()
    {
        using (CampaignLock.Take(_out))
        {
            // Read without .NET's own file locking, which would collide with the flock.
            Assert.That(FileLock.Read(CampaignLock.PathIn(_out)).Trim(), Is.EqualTo(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
            Assert.That(CampaignLock.Holder(_out), Is.EqualTo(Environment.ProcessId));
            var refused = Assert.Throws<FuzzSetupException>(() => CampaignLock.Take(_out).Dispose())!;
            Assert.That(refused.Message, Is.EqualTo($"{_out} is in use by the campaign of PID {Environment.ProcessId} (one campaign per folder; wait for it, or stop it with Ctrl-C or kill -INT {Environment.ProcessId})"));
            Assert.Throws<FuzzSetupException>(() => CampaignLock.ThrowIfHeld(_out));
        }
        Assert.DoesNotThrow(() => CampaignLock.ThrowIfHeld(_out), "released with its descriptor; the file left behind is no lock");
        using (CampaignLock.Take(_out)) { }
    }

    [Test]
    public void LookingForAHolderCreatesNothing()
    {
        CampaignLock.ThrowIfHeld(_out);
        Assert.That(Directory.Exists(_out), Is.False);
    }
}
