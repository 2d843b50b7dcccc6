using System.Collections.Immutable;

namespace Scheduler.Core.Rules;

/// <summary>Hard rules that cannot all hold in a scenario, and the sentence that says why in the planners' terms.</summary>
public sealed record RuleConflict(ImmutableArray<HardRule> Rules, string Message)
{
    public override string ToString() => Message;
}
