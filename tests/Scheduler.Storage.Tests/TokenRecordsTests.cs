namespace Scheduler.Storage.Tests;

public class TokenRecordsTests
{
    [TestCase(TokenRole.Viewer, "viewer")]
    [TestCase(TokenRole.Planner, "planner")]
    [TestCase(TokenRole.Admin, "admin")]
    public void Format_EachRole_IsLowercaseAndParsesBack(TokenRole role, string text)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TokenRoles.Format(role), Is.EqualTo(text));
            Assert.That(TokenRoles.Parse(text), Is.EqualTo(role));
            Assert.That(TokenRoles.Parse(text.ToUpperInvariant()), Is.EqualTo(role));
        }
    }

    [TestCase("")]
    [TestCase("owner")]
    [TestCase(" admin")]
    public void Parse_NoRole_SaysWhichRolesThereAre(string text)
    {
        var ex = Assert.Throws<FormatException>(() => TokenRoles.Parse(text));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{text}' is not a token role: use viewer, planner, admin or feed."));
            Assert.That(TokenRoles.TryParse(text, out _), Is.False);
        }
    }

    [Test]
    public void Format_ValueThatIsNoRole_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => TokenRoles.Format((TokenRole)7));
}
