using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Replanning;

/// <summary>One replan: the newest scenario, the plan of record's releases, and the as-of instant.</summary>
public sealed record ReplanRequest(
    Scenario Scenario,
    PlanScenario Info,
    IReadOnlyList<PreviousRelease> PlanOfRecord,
    Instant AsOf,
    TimeSpan TimeLimit,
    double RelativeGap,
    int Threads)
{
    /// <summary>The drops after the premiere of the plan of record's weekly and batched releases, and which of them went live.</summary>
    public IReadOnlyList<PreviousDrop> PreviousDrops { get; init; } = [];

    /// <summary>The memory the constrained scenario's plan may use (<see cref="PlanRequest.MemoryLimit"/>).</summary>
    public long MemoryLimit { get; init; } = CandidateEstimate.DefaultMemoryLimit;

    /// <summary>The format the plan of record chose for each of its titles that offer several, by title id.</summary>
    public IReadOnlyDictionary<string, string> PreviousFormats { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>How a replan came out: the planning outcome, what moved, and what was withdrawn.</summary>
public sealed record ReplanOutcome(
    PlanningOutcome Outcome,
    ReplanContext Context,
    ImmutableArray<(PreviousRelease From, ReleasePlan To)> Moves,
    ImmutableArray<string> Withdrawn,
    ImmutableArray<string> Warnings)
{
    /// <summary>Why each moved (title, region) moved (docs/compare.md, "Why a release moves"), judged by the rules the replan kept.</summary>
    public ImmutableDictionary<(string Title, string Region), MoveReason> Reasons { get; init; } = ImmutableDictionary<(string, string), MoveReason>.Empty;
}

/// <summary>
/// Re-optimizes the plan of record against the newest scenario without disturbing what is
/// published, announced or imminent (replan contract): published and frozen releases become pins
/// in their mode, every other release is kept out of the frozen window, and each move is charged
/// <c>objective.moveCost</c>. A fixed release keeps its later drops where they are too: a title
/// whose new format would move one keeps its old format (<see cref="KeptFormats"/>).
/// </summary>
public sealed class Replanner
{
    private readonly ReleasePlanner _planner;

    public Replanner(ReleasePlanner planner)
    {
        _planner = planner ?? throw new ArgumentNullException(nameof(planner));
    }

    public ReplanOutcome Replan(ReplanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scenario = request.Scenario;
        var frozenUntil = request.AsOf + Duration.FromDays(scenario.Replan.FreezeDays);
        var context = new ReplanContext([.. request.PlanOfRecord], frozenUntil, scenario.Objective.MoveCost) { PreviousDrops = [.. request.PreviousDrops] };
        var inScenario = context.Previous.Where(p => scenario.TitlesById.TryGetValue(p.Title, out var t) && t.IsReleasedIn(p.Region)).ToList();
        var withdrawn = context.Previous.Except(inScenario).Where(p => !p.Published).Select(p => $"{p.Title} in {p.Region}").ToImmutableArray();
        var warnings = context.Fixed.Except(inScenario).Where(p => !p.Published)
            .Select(p => $"the imminent release of '{p.Title}' in '{p.Region}' on {p.Date} was withdrawn: its title or region is no longer in the scenario")
            .ToImmutableArray();

        var fixedInScenario = context.Fixed.Intersect(inScenario).ToList();
        if (FormatNotKnown(scenario, fixedInScenario, request.PreviousFormats) is { } unknown)
        {
            return Refused(unknown, context, withdrawn, warnings);
        }

        scenario = InRecordedFormats(scenario, fixedInScenario, request.PreviousFormats);
        var (formats, formatWarnings) = KeptFormats.Find(scenario, fixedInScenario, request.PreviousDrops);
        warnings = warnings.AddRange(formatWarnings);
        if (FormatDropsChanged(scenario, fixedInScenario, formats) is { } changed)
        {
            return Refused(changed, context, withdrawn, warnings);
        }

        var constrained = Constrain(scenario, fixedInScenario, formats, frozenUntil, request.AsOf);
        var reference = inScenario.GroupBy(p => p.Title)
            .Select(g => new Assignment(g.Key, g.First().Mode, g.ToImmutableDictionary(p => p.Region, p => p.Date, StringComparer.Ordinal))
            {
                Format = request.PreviousFormats.GetValueOrDefault(g.Key),
            })
            .ToList();
        var planRequest = new PlanRequest(constrained, request.Info, PlanEngine.CpSat, request.TimeLimit, request.RelativeGap, request.Threads)
        {
            Reference = reference,
            Replan = context,
            MemoryLimit = request.MemoryLimit,
        };
        var outcome = _planner.Plan(planRequest, cancellationToken);
        var moves = outcome.Plan is { } plan
            ? [.. context.Moves(plan.Releases, plan.Titles.ToDictionary(t => t.Id, t => t.Mode, StringComparer.Ordinal))]
            : ImmutableArray<(PreviousRelease, ReleasePlan)>.Empty;
        var reasons = outcome.VerifiedPlan is { } verified && !moves.IsEmpty
            ? Reasons(constrained, request, reference, verified, moves, frozenUntil)
            : ImmutableDictionary<(string, string), MoveReason>.Empty;
        return new ReplanOutcome(outcome, context, moves, withdrawn, warnings) { Reasons = reasons };
    }

    private static ReplanOutcome Refused(string refusal, ReplanContext context, ImmutableArray<string> withdrawn, ImmutableArray<string> warnings)
    {
        var statistics = new PlanningStatistics(0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, null);
        return new ReplanOutcome(new PlanningOutcome(PlanningStatus.NoSolution, null, null, [refusal], statistics), context, [], withdrawn, warnings);
    }

    /// <summary>
    /// A title with formats whose release is published or frozen keeps the format the plan of record
    /// chose (docs/scenario-format.md, "Formats as a decision"): it is offered in that one alone.
    /// </summary>
    private static Scenario InRecordedFormats(Scenario scenario, IEnumerable<PreviousRelease> fixedReleases, IReadOnlyDictionary<string, string> recorded)
    {
        var keep = fixedReleases.Select(p => scenario.TitlesById[p.Title])
            .Where(t => !t.Formats.IsEmpty && recorded.TryGetValue(t.Id, out var f) && t.Formats.Any(o => o.Id == f))
            .Select(t => t.Id)
            .ToHashSet(StringComparer.Ordinal);
        return keep.Count == 0
            ? scenario
            : new Scenario(scenario.ToSpec() with
            {
                Titles = [.. scenario.Titles.Select(t => keep.Contains(t.Id) ? new Title(t.ToSpec() with { Formats = [.. t.Formats.Where(f => f.Id == recorded[t.Id])], Format = recorded[t.Id] }) : t)],
            });
    }

    /// <summary>
    /// The sentence that refuses a replan that cannot tell which format a fixed release of a title
    /// with formats went out in: the plan of record names none for it, or one the scenario no longer
    /// offers. Null when every such release's format is known.
    /// </summary>
    private static string? FormatNotKnown(Scenario scenario, IEnumerable<PreviousRelease> fixedReleases, IReadOnlyDictionary<string, string> recorded)
    {
        var release = FirstFixed(scenario, fixedReleases, t => !recorded.TryGetValue(t.Id, out var f) || !t.Formats.Any(o => o.Id == f));
        return release is null
            ? null
            : Refusal(release, recorded.TryGetValue(release.Title, out var format)
                ? $"the plan of record released it in format '{format}', which the scenario no longer offers"
                : "the plan of record names no format for it");
    }

    /// <summary>The sentence that refuses a replan whose scenario changed the drops of the format a fixed release went out in; null when none did.</summary>
    private static string? FormatDropsChanged(Scenario scenario, IEnumerable<PreviousRelease> fixedReleases, ImmutableDictionary<string, DropFormat> kept)
    {
        var release = FirstFixed(scenario, fixedReleases, t => kept.ContainsKey(t.Id));
        return release is null
            ? null
            : Refusal(release, $"the scenario changed the drops of its format '{scenario.TitlesById[release.Title].Format}', which would move what is announced");
    }

    private static PreviousRelease? FirstFixed(Scenario scenario, IEnumerable<PreviousRelease> fixedReleases, Func<Title, bool> refused)
        => fixedReleases
            .OrderBy(p => p.Title, StringComparer.Ordinal)
            .ThenBy(p => p.Region, StringComparer.Ordinal)
            .FirstOrDefault(p => scenario.TitlesById[p.Title] is { Formats.IsEmpty: false } title && refused(title));

    private static string Refusal(PreviousRelease release, string why)
        => $"'{release.Title}' offers formats and its release in '{release.Region}' is {(release.Published ? "published" : "imminent")}: "
           + $"a replan keeps the format of such a release, but {why}; plan the scenario anew instead";

    /// <summary>
    /// Why each release moved, judged by the rules the replan kept (the newest scenario, what is
    /// published or frozen pinned, the frozen window closed), against the plan of record.
    /// </summary>
    private static ImmutableDictionary<(string Title, string Region), MoveReason> Reasons(
        Scenario constrained, ReplanRequest request, List<Assignment> reference, Plan plan, IEnumerable<(PreviousRelease From, ReleasePlan To)> moves, Instant frozenUntil)
    {
        // The plan of record in the formats it chose: its dates are judged with those formats' drops.
        var values = new ValueModel(PlanFormats.Resolve(constrained, request.PreviousFormats));
        var record = PlanFactory.Create(
            values, request.Info, reference, k => new PlanSolver("plan of record", PlanStatuses.Feasible, k.Objective, null, null, 0, 0, 0), request.AsOf);
        var attribution = new MoveAttribution(record, plan, values);
        var frozen = constrained.Regions.ToDictionary(r => r.Id, r => FirstDateAfter(constrained, r.Id, frozenUntil, request.AsOf), StringComparer.Ordinal);

        // A move is a new date or a new mode; one of the mode alone is judged on its unchanged date.
        return moves.ToImmutableDictionary(
            m => (m.From.Title, m.From.Region),
            m =>
            {
                var why = attribution.Why(new MovedRelease(m.From.Title, m.From.Region, m.From.Date, m.To.Date, 0));
                return why with { Rules = [.. why.Rules.Select(r => FrozenWording(r, frozen))] };
            });
    }

    // The frozen window is written into the constrained scenario as readiness; a planner reads it as the window it is.
    private static string FrozenWording(string rule, Dictionary<string, LocalDate> frozen)
    {
        foreach (var (region, first) in frozen)
        {
            if (rule == $"not ready in {region} before {LocalDatePattern.Iso.Format(first)}")
            {
                return $"inside the frozen window in {region}: nothing else goes live there before {LocalDatePattern.Iso.Format(first)}";
            }
        }

        return rule;
    }

    /// <summary>
    /// The scenario with fixed releases pinned in their mode, titles whose fixed releases need it
    /// in their old format, and every other release kept out of the frozen window.
    /// </summary>
    private static Scenario Constrain(Scenario scenario, List<PreviousRelease> fixedReleases, ImmutableDictionary<string, DropFormat> formats, Instant frozenUntil, Instant asOf)
    {
        var byTitle = fixedReleases.ToLookup(p => p.Title);
        var titles = scenario.Titles.Select(title =>
        {
            var spec = title.ToSpec();
            if (formats.TryGetValue(title.Id, out var format))
            {
                spec = spec with { Drops = format.Drops, DropIntervalDays = format.IntervalDays };
            }

            var fixedHere = byTitle[title.Id].ToList();
            if (fixedHere.Count > 0)
            {
                spec = spec with
                {
                    Pins = fixedHere.Aggregate(title.Pins, (pins, p) => pins.SetItem(p.Region, p.Date)),
                    Release = fixedHere[0].Mode == PlanModes.Global ? ReleaseMode.Global : ReleaseMode.Staggered,
                };
            }

            var readiness = spec.Readiness;
            foreach (var region in title.Regions.Where(r => !spec.Pins.ContainsKey(r)))
            {
                var first = FirstDateAfter(scenario, region, frozenUntil, asOf);
                readiness = readiness.TryGetValue(region, out var ready) && ready >= first ? readiness : readiness.SetItem(region, first);
            }

            return new Title(spec with { Readiness = readiness });
        }).ToList();
        return new Scenario(scenario.ToSpec() with { Titles = titles });
    }

    /// <summary>The first local date whose release instant, global or regional, is at or after <paramref name="frozenUntil"/>.</summary>
    private static LocalDate FirstDateAfter(Scenario scenario, string regionId, Instant frozenUntil, Instant asOf)
    {
        var region = scenario.RegionsById[regionId];
        var date = asOf.InZone(region.TimeZone).Date.PlusDays(-2);
        while (region.PublishAt(date) < frozenUntil || scenario.GlobalLaunch.PublishAt(date) < frozenUntil)
        {
            date = date.PlusDays(1);
        }

        return date;
    }
}
