using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Rules;

namespace Scheduler.Core.Plans;

/// <summary>
/// One thing wrong with a plan: the hard rule it breaks (null when the plan file contradicts itself,
/// say a sum reported wrong or rows out of order), the titles, regions and dates involved, and a
/// sentence. It reads as its rule's label and the sentence: <c>rule 5: 2 releases in 'us' on ...</c>.
/// </summary>
public sealed record PlanViolation(HardRule? Rule, string Message)
{
    public ImmutableArray<string> Titles { get; init; } = [];

    public ImmutableArray<string> Regions { get; init; } = [];

    public ImmutableArray<LocalDate> Dates { get; init; } = [];

    public override string ToString() => Rule is null ? Message : $"{Rule.Label}: {Message}";
}

/// <summary>The verifier's verdict: every violation found, each naming its rule, titles, regions and dates.</summary>
public sealed record PlanVerification(ImmutableArray<PlanViolation> Violations)
{
    public bool IsValid => Violations.IsEmpty;

    /// <summary>Each violation as it is printed and stored.</summary>
    public ImmutableArray<string> Sentences => [.. Violations.Select(v => v.ToString())];
}
