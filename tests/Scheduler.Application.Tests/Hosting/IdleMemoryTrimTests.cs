using Microsoft.Extensions.Logging.Testing;
using Scheduler.Application.Hosting;

namespace Scheduler.Application.Tests.Hosting;

/// <summary>The heap a burst left behind is given back once the process is idle, and only then.</summary>
[NonParallelizable]
public class IdleMemoryTrimTests
{
    [Test]
    public void Look_BurstOfGarbageThenIdle_TrimsOnceAfterTheBurstAndNotWhileItLasts()
    {
        // From a small heap whatever the tests before left, so that the burst shows in the resident size.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var logger = new FakeLogger<IdleMemoryTrim>();
        var trim = new IdleMemoryTrim(TimeProvider.System, logger);
        Burst();
        var residentAfterBurst = Environment.WorkingSet;

        var duringBurst = trim.Look();
        var idle = trim.Look();
        var idleAgain = trim.Look();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((duringBurst, idle, idleAgain), Is.EqualTo((false, true, false)), "not while allocating; once when idle; not again without new slack");
            Assert.That(Environment.WorkingSet, Is.LessThan(residentAfterBurst - IdleMemoryTrim.SlackBytes), "what the burst left is given back");
            Assert.That(logger.Collector.GetSnapshot().Select(r => r.Id.Id), Is.EqualTo(new[] { 2050 }));
        }
    }

    // 400 MB of large arrays, kept alive together as a parsed scenario would be, then dropped.
    private static void Burst()
    {
        var kept = new List<byte[]>();
        for (var i = 0; i < 100; i++)
        {
            // Written through, so that every page is resident, as a parsed scenario's are.
            var block = new byte[4 * 1024 * 1024];
            Array.Fill(block, (byte)(i + 1));
            kept.Add(block);
        }

        GC.KeepAlive(kept);
    }
}
