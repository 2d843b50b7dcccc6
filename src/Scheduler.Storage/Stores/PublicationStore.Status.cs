using Dapper;

namespace Scheduler.Storage.Stores;

/// <summary>Status: counts and pages decided by the database, so that neither reads every drop of a large plan.</summary>
public sealed partial class PublicationStore
{
    private const string StandingJoins = PublicationJoin + " LEFT JOIN notifications n ON n.title = d.title AND n.region = d.region AND n.drop_index = d.drop_index";

    /// <summary>The plan of record's drops counted by state (<see cref="PublicationStates"/>); all zero before the first adoption.</summary>
    public async Task<PublicationCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        var rows = (await _session.Connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            $"SELECT s.state, count(*) FROM (SELECT {PublicationStates.Sql} AS state FROM plan_of_record_drops d {StandingJoins}) s GROUP BY s.state",
            cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => StoredNames.ToPublicationState(r.State), r => r.Count);
        return new PublicationCounts(
            rows.GetValueOrDefault(PublicationState.Upcoming),
            rows.GetValueOrDefault(PublicationState.Published),
            rows.GetValueOrDefault(PublicationState.Late),
            rows.GetValueOrDefault(PublicationState.Failed));
    }

    /// <summary>
    /// Drops <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> of the
    /// plan of record in publication order (by instant, then region, title and drop), only those in
    /// <paramref name="state"/> when one is given.
    /// </summary>
    public async Task<IReadOnlyList<DropStanding>> PageAsync(PublicationState? state, long offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var rows = await _session.Connection.QueryAsync<StandingRow>(new CommandDefinition(
            $"""
            SELECT * FROM (
                SELECT {Columns}, {PublicationStates.Sql} AS State, n.last_error AS Error, d.publish_ms AS PublishMs
                FROM plan_of_record_drops d {StandingJoins}
            ) s
            {(state is null ? "" : "WHERE s.State = @state")}
            ORDER BY s.PublishMs, s.Region, s.Title, s.DropIndex
            LIMIT @limit OFFSET @offset
            """,
            new { state = state is { } s ? StoredNames.Of(s) : null, limit = (long)limit, offset },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r =>
        {
            var standing = StoredNames.ToPublicationState(r.State);
            return new DropStanding(r.ToRelease(), standing, standing == PublicationState.Failed ? r.Error : null);
        })];
    }

#pragma warning disable CA1812 // Instantiated by Dapper.
    private sealed class StandingRow : ScheduledRow
    {
        public string State { get; set; } = "";

        public string? Error { get; set; }

        public long PublishMs { get; set; }
    }
#pragma warning restore CA1812
}
