namespace Scheduler.Solver.Tests.Cbc;

/// <summary>Runs work on dedicated threads released together, surfacing their exceptions to the test.</summary>
internal static class Concurrently
{
    public static T[] Run<T>(int count, Func<int, T> work)
    {
        using var start = new Barrier(count);
        var results = new T[count];
        var failures = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(index => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                results[index] = work(index);
            }
#pragma warning disable CA1031 // Any failure is handed back to the test thread, which rethrows it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures[index] = exception;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        var thrown = failures.OfType<Exception>().ToList();
        return thrown.Count == 0 ? results : throw new AggregateException(thrown);
    }
}
