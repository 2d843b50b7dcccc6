using Microsoft.Extensions.Hosting;
using Scheduler.Publishing.Resilience;
using Scheduler.Storage;

namespace Scheduler.Application.Hosting;

/// <summary>
/// The first thing a serve node does: open the database (creating and migrating it), waiting for it
/// while it does not answer (<see cref="WorkKind.Start"/>), so that a node started during an outage
/// starts when the database does rather than exiting. A database no wait mends (another
/// application's, a newer schema) fails the start with its sentence.
/// </summary>
internal sealed class DatabaseWait : IHostedService
{
    private readonly DatabaseTarget _database;
    private readonly TimeProvider _time;
    private readonly DatabaseRetries _retries;

    public DatabaseWait(ServeOptions options, TimeProvider time, DatabaseRetries retries)
    {
        _database = options.Database;
        _time = time;
        _retries = retries;
    }

    public Task StartAsync(CancellationToken cancellationToken)
        => _retries.RunAsync(
            WorkKind.Start,
            async token =>
            {
                await using var database = await SchedulerDatabase.OpenAsync(_database, _time, token).ConfigureAwait(false);
            },
            cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
