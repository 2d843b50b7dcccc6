using Scheduler.Core.Generation;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Tests.CpSat;

/// <summary>
/// A search told to stop answers with what it found and throws nothing; one stopped before it found
/// anything claims no bound (CP-SAT then answers a bound of 0, which would prove any plan optimal).
/// </summary>
public class CpSatSearchTests
{
    [Test]
    public void Solve_StoppedBeforeItFindsAnything_IsUnknownWithoutABound()
    {
        var scenario = Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(200, 12, 1, 7, contention: Contention.High)));
        var model = new ReleaseModelBuilder(CandidateSet.Build(new ValueModel(scenario))).Build();

        var result = new CpSatSearch().Solve(model, new SearchSettings(TimeSpan.FromSeconds(60), 0, 2) { Stop = new CancellationToken(canceled: true) });

        Assert.That((result.Status, result.Solution, result.Bound), Is.EqualTo((SearchStatus.Unknown, (IReadOnlyList<long>?)null, (double?)null)));
    }
}
