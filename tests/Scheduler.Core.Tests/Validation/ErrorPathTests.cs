using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Validation;

/// <summary>Where an error is, as each front end names it.</summary>
public class ErrorPathTests
{
    [Test]
    public void Render_RequestedVariant_IsNamedByTheFrontEnd()
    {
        var error = new ScenarioError(ErrorPath.RequestedVariant, "the scenario has no variant 'x'");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Render("--variant"), Is.EqualTo("--variant: the scenario has no variant 'x'"));
            Assert.That(error.Render("$.variant"), Is.EqualTo("$.variant: the scenario has no variant 'x'"));
            Assert.That(error.ToString(), Is.EqualTo("variant: the scenario has no variant 'x'"));
        }
    }

    [Test]
    public void InVariant_NamesTheVariantBeforeThePlace()
    {
        var error = new ScenarioError("$.titles[0].earliest", "not a date").InVariant("late");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ToString(), Is.EqualTo("variant 'late': $.titles[0].earliest: not a date"));
            Assert.That(error.Path.Place, Is.EqualTo(ErrorPlace.Json));
        }
    }

    [Test]
    public void Json_SomethingThatIsNoJsonPath_IsRefused()
        => Assert.That(() => ErrorPath.Json("--variant"), Throws.ArgumentException.With.Message.StartsWith("'--variant' is not a JSON path."));
}
