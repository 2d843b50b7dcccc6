using Scheduler.Solver.CpSat;

namespace Scheduler.Solver.Tests.CpSat;

public class SatParameterSetTests
{
    [Test]
    public void ToString_KnownKeys_WritesCpSatTextFormat()
    {
        var parameters = new SatParameterSet()
            .Set("num_workers", 2)
            .Set("max_time_in_seconds", 1.5)
            .Set("log_search_progress", false)
            .Add("subsolvers", "max_lp")
            .Add("subsolvers", "core");

        Assert.That(parameters.ToString(), Is.EqualTo("num_workers:2 max_time_in_seconds:1.5 log_search_progress:false subsolvers:\"max_lp\" subsolvers:\"core\""));
    }

    [Test]
    public void Set_UnknownKey_IsRefusedBeforeItReachesTheSolver()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SatParameterSet().Set("num_worker", 2));

        Assert.That(ex!.Message, Is.EqualTo("'num_worker' is not a CP-SAT parameter. (Parameter 'key')"));
    }

    [Test]
    public void Set_SameKeyTwice_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SatParameterSet().Set("random_seed", 1).Set("random_seed", 2));

        Assert.That(ex!.Message, Is.EqualTo("CP-SAT parameter 'random_seed' is set twice. (Parameter 'key')"));
    }

    [Test]
    public void Set_ValueOfTheWrongType_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SatParameterSet().Set("num_workers", 1.5));

        Assert.That(ex!.Message, Is.EqualTo("CP-SAT parameter 'num_workers' is of type Int32, not Double. (Parameter 'key')"));
    }

    [Test]
    public void Add_ToAParameterThatIsNotAList_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SatParameterSet().Add("num_workers", "2"));

        Assert.That(ex!.Message, Is.EqualTo("CP-SAT parameter 'num_workers' is not a list of strings. (Parameter 'key')"));
    }

    [Test]
    public void Parameters_OneWorker_SearchesTheStrongRelaxationWithAFixedSeed()
    {
        var text = new SearchSettings(TimeSpan.FromSeconds(10), 0.001, 1).Parameters().ToString();

        Assert.That(text, Is.EqualTo("num_workers:1 max_time_in_seconds:10 random_seed:20270101 cp_model_probing_level:0 log_search_progress:false catch_sigint_signal:false relative_gap_limit:0.001 linearization_level:2"));
    }

    [Test]
    public void Parameters_TwoWorkers_RunTheMaxLpSearchBesideTheHelpers()
    {
        var text = new SearchSettings(TimeSpan.FromSeconds(10), 0, 2).Parameters().ToString();

        Assert.That(text, Is.EqualTo("num_workers:2 max_time_in_seconds:10 random_seed:20270101 cp_model_probing_level:0 log_search_progress:false catch_sigint_signal:false subsolvers:\"max_lp\""));
    }
}
