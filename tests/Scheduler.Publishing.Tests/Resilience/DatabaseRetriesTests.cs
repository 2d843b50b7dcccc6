using System.Net.Sockets;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Publishing.Resilience;
using Scheduler.Publishing.Tests.Support;

namespace Scheduler.Publishing.Tests.Resilience;

public class DatabaseRetriesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero));
    private FakeLogger<DatabaseOutage> _log = null!;
    private DatabaseOutage _outage = null!;
    private DatabaseRetries _retries = null!;

    [SetUp]
    public void CreateRetries()
    {
        _log = new FakeLogger<DatabaseOutage>();
        _outage = new DatabaseOutage(_time, new TestMeters(), _log);
        _retries = new DatabaseRetries(_outage, _time);
    }

    [TearDown]
    public void DisposeRetries()
    {
        _retries.Dispose();
        _outage.Dispose();
    }

    private static SocketException Refused() => new((int)SocketError.ConnectionRefused);

    // Polly waits on the fake clock: moved on until the work ends, however many waits it takes.
    private async Task<T> AdvancingAsync<T>(Task<T> work)
    {
        while (!work.IsCompleted)
        {
            await Task.Delay(1);
            _time.Advance(RetryConstants.LongestDelay);
        }

        return await work;
    }

    [Test]
    public async Task RunAsync_TransientFaultsThenAnAnswer_RetriesUntilTheDatabaseAnswers()
    {
        var attempts = 0;

        var result = await AdvancingAsync(_retries.RunAsync(WorkKind.PlanWatch, _ => ++attempts <= 6 ? throw Refused() : Task.FromResult("answered")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo("answered"));
            Assert.That(attempts, Is.EqualTo(7));
            Assert.That(_outage.Recoveries, Is.EqualTo(1));
            Assert.That(_log.Collector.Count, Is.EqualTo(2), "one line as the outage began, one as it ended");
        }
    }

    [Test]
    public void RunAsync_AFaultNoRetryMends_GoesToTheCallerAtOnce()
    {
        var attempts = 0;

        var fault = Assert.ThrowsAsync<InvalidOperationException>(() => _retries.RunAsync(WorkKind.Delivery, _ =>
        {
            attempts++;
            throw new InvalidOperationException("not a database fault");
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fault!.Message, Is.EqualTo("not a database fault"));
            Assert.That(attempts, Is.EqualTo(1));
            Assert.That(_outage.Since, Is.Null);
        }
    }

    [Test]
    public async Task RunAsync_APublication_IsTriedThreeTimesThenLeftToTheCatchUp()
    {
        var attempts = 0;

        var work = _retries.RunAsync(WorkKind.Publication, _ =>
        {
            attempts++;
            throw Refused();
        });
        var fault = await AdvancingAsync(work.ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fault, Is.InstanceOf<SocketException>());
            Assert.That(attempts, Is.EqualTo(RetryConstants.PublicationAttempts));
            Assert.That(_outage.Since, Is.Not.Null, "the outage goes on until something gets an answer");
        }
    }

    [Test]
    public void RunAsync_CancelledWhileItWaits_EndsTheRetries()
    {
        using var stopping = new CancellationTokenSource();
        var attempts = 0;

        var work = _retries.RunAsync(WorkKind.Solve, _ =>
        {
            if (++attempts == 2)
            {
                stopping.Cancel();
            }

            throw Refused();
        }, stopping.Token);
        _time.Advance(RetryConstants.LongestDelay);

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => work);
        Assert.That(attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task TryOnceAsync_ATransientFault_GivesTheMissedValueAndBeginsTheOutage()
    {
        var missed = await _retries.TryOnceAsync<bool>(_ => throw Refused(), missed: true);
        var since = _outage.Since;
        var answered = await _retries.TryOnceAsync(_ => Task.FromResult(false), missed: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(missed, Is.True);
            Assert.That(since, Is.Not.Null);
            Assert.That(answered, Is.False);
            Assert.That(_outage.Since, Is.Null);
        }
    }
}
