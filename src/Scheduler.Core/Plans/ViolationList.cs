using NodaTime;
using Scheduler.Core.Rules;

namespace Scheduler.Core.Plans;

/// <summary>What the verifier has found so far.</summary>
internal sealed class ViolationList
{
    private readonly List<PlanViolation> _found = [];

    /// <summary>The plan breaks <paramref name="rule"/>.</summary>
    public void Break(HardRule rule, string message, IEnumerable<string>? titles = null, IEnumerable<string>? regions = null, IEnumerable<LocalDate>? dates = null)
        => Add(rule, message, titles, regions, dates);

    /// <summary>The plan file contradicts itself or the scenario (docs/plan-format.md), whatever the rules.</summary>
    public void Misreport(string message, IEnumerable<string>? titles = null, IEnumerable<string>? regions = null, IEnumerable<LocalDate>? dates = null)
        => Add(null, message, titles, regions, dates);

    public PlanVerification ToVerification() => new([.. _found]);

    private void Add(HardRule? rule, string message, IEnumerable<string>? titles, IEnumerable<string>? regions, IEnumerable<LocalDate>? dates)
        => _found.Add(new PlanViolation(rule, message)
        {
            Titles = [.. titles ?? []],
            Regions = [.. regions ?? []],
            Dates = [.. dates ?? []],
        });
}
