namespace Scheduler.Core.Rules;

/// <summary>Which list of the contract a rule belongs to: every plan's, or only a replan's.</summary>
public enum RuleBook
{
    /// <summary>The hard rules every plan obeys (docs/scenario-format.md, "Rules every plan obeys").</summary>
    Plan,

    /// <summary>The rules a replan adds to them (docs/publishing.md, "The replan rules").</summary>
    Replan,
}

/// <summary>
/// One family of a hard rule as the contract numbers and names it. Instances are the catalogue's
/// (<see cref="HardRules"/>); two families may share a rule (rule 5 bounds releases and tentpoles).
/// </summary>
public sealed class HardRule
{
    internal HardRule(RuleFamily family, RuleBook book, int number, string name, string shortName)
    {
        Family = family;
        Book = book;
        Number = number;
        Name = Preconditions.CheckNotNull(name);
        ShortName = Preconditions.CheckNotNull(shortName);
    }

    public RuleFamily Family { get; }

    public RuleBook Book { get; }

    /// <summary>The rule's number in its book: 1 to 13 for a plan, 1 to 5 for a replan.</summary>
    public int Number { get; }

    /// <summary>What the rule asks, in the planners' words.</summary>
    public string Name { get; }

    /// <summary>One word for the family, as exported models name their constraints.</summary>
    public string ShortName { get; }

    /// <summary>How messages cite the rule: <c>rule 5</c>, <c>replan rule 3</c>.</summary>
    public string Label => Book == RuleBook.Replan ? $"replan rule {Number}" : $"rule {Number}";

    public override string ToString() => $"{Label} ({Name})";
}
