using Scheduler.Core.Rules;

namespace Scheduler.Core.Tests.Rules;

/// <summary>The catalogue of hard rules: every family once, each rule of the contract covered, names that tell them apart.</summary>
public class HardRulesTests
{
    [Test]
    public void All_HasEveryFamilyOnceAndOfFindsIt()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(HardRules.All.Select(r => r.Family), Is.EquivalentTo(Enum.GetValues<RuleFamily>()));
            Assert.That(Enum.GetValues<RuleFamily>().Select(f => HardRules.Of(f).Family), Is.EqualTo(Enum.GetValues<RuleFamily>()));
        }
    }

    [Test]
    public void All_CoversThePlanRulesOneToTenAndTheReplanRulesOneToFive()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(HardRules.All.Where(r => r.Book == RuleBook.Plan).Select(r => r.Number).Distinct().Order(), Is.EqualTo(Enumerable.Range(1, 13)));
            Assert.That(HardRules.All.Where(r => r.Book == RuleBook.Replan).Select(r => r.Number).Order(), Is.EqualTo(Enumerable.Range(1, 5)));
        }
    }

    [Test]
    public void Names_TellTheFamiliesApart()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(HardRules.All.Select(r => r.ShortName), Is.Unique);
            Assert.That(HardRules.All.Select(r => r.Name), Is.Unique);
        }
    }

    [Test]
    public void Label_CitesTheRuleAsMessagesDo()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(HardRules.DailyTentpoles.Label, Is.EqualTo("rule 5"));
            Assert.That(HardRules.FrozenWindowClosed.Label, Is.EqualTo("replan rule 3"));
            Assert.That(HardRules.SequelGap.ToString(), Is.EqualTo("rule 7 (a sequel at least minGapDays after the title it follows)"));
        }
    }
}
