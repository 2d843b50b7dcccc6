using System.Collections.Immutable;

namespace Scheduler.Core.Plans;

/// <summary>The verifier's verdict: every violation found, each naming its rule, titles, regions and dates.</summary>
public sealed record PlanVerification(ImmutableArray<string> Violations)
{
    public bool IsValid => Violations.IsEmpty;
}
