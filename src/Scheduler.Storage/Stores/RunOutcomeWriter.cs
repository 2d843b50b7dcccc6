using System.Data;
using System.Data.Common;
using Dapper;
using Scheduler.Core.Plans;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>
/// What a run ends with, written the same way whether the run is stored whole
/// (<see cref="RunArchive.StoreAsync"/>) or completed after a solve (<see cref="SolveQueueStore.CompleteAsync"/>):
/// its outcome's columns, and its plan's releases and drops.
/// </summary>
internal static class RunOutcomeWriter
{
    /// <summary>The columns of a run's outcome, as parameters.</summary>
    public static DynamicParameters Parameters(NewRun run) => new(new
    {
        finished = StoredText.Of(run.FinishedAt),
        run.Engine,
        run.Status,
        run.Objective,
        run.Bound,
        run.Gap,
        run.Seconds,
        verified = run.Verified ? 1L : 0L,
        messages = string.Join('\n', run.Messages),
        releaseCount = (long)(run.Plan?.Releases.Length ?? 0),
        run.PlanJson,
        run.Provenance,
    });

    /// <summary>
    /// Inserts <paramref name="run"/> as a done run of the stored scenario <paramref name="scenarioId"/>,
    /// with its releases and drops; <paramref name="alternativeOf"/> names the run it is an alternative
    /// to. Returns its id.
    /// </summary>
    public static async Task<long> InsertDoneAsync(
        DatabaseSession session, NewRun run, long scenarioId, DbTransaction transaction, CancellationToken cancellationToken, long? alternativeOf = null, string? requestedBy = null)
    {
        var parameters = Parameters(run);
        parameters.AddDynamicParams(new { scenarioId, run.Variant, trigger = StoredNames.Of(run.Trigger), started = StoredText.Of(run.StartedAt), alternativeOf, requestedBy });

        // The state is left to its default: done.
        var runId = await session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO runs (scenario_id, variant, trigger, created_at, started_at, finished_at, engine, status, objective, bound, gap,
                              seconds, verified, messages, release_count, plan_json, provenance, alternative_of, requested_by)
            VALUES (@scenarioId, @Variant, @trigger, @started, @started, @finished, @Engine, @Status, @Objective, @Bound, @Gap,
                    @Seconds, @verified, @messages, @releaseCount, @PlanJson, @Provenance, @alternativeOf, @requestedBy)
            RETURNING id
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await StoreReleasesAsync(session, runId, run, transaction, cancellationToken).ConfigureAwait(false);
        return runId;
    }

    // The releases and drops of the run's plan, if it has one. A prepared command per table, its
    // parameters made by the provider: a plan has hundreds of releases, and Dapper would build a
    // command for each.
    public static async Task StoreReleasesAsync(DatabaseSession session, long runId, NewRun outcome, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (outcome.Plan is not { } plan)
        {
            return;
        }

        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode ?? "", StringComparer.Ordinal);
        await using (var command = Command(
            session,
            transaction,
            "INSERT INTO releases (run_id, title, region, date, publish_at, mode, value, drops) VALUES (@run, @title, @region, @date, @publishAt, @mode, @value, @drops)"))
        {
            var run = Parameter(command, "run", DbType.Int64);
            var title = Parameter(command, "title", DbType.String);
            var region = Parameter(command, "region", DbType.String);
            var date = Parameter(command, "date", DbType.String);
            var publishAt = Parameter(command, "publishAt", DbType.String);
            var mode = Parameter(command, "mode", DbType.String);
            var value = Parameter(command, "value", DbType.Double);
            var drops = Parameter(command, "drops", DbType.Int64);
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            run.Value = runId;
            foreach (var release in plan.Releases)
            {
                title.Value = release.Title;
                region.Value = release.Region;
                date.Value = StoredText.Of(release.Date);
                publishAt.Value = StoredText.Of(release.PublishAt);
                mode.Value = modes.GetValueOrDefault(release.Title, "");
                value.Value = release.Value;
                drops.Value = (long)Math.Max(1, release.Drops.Length);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await StoreLaterDropsAsync(session, runId, plan, transaction, cancellationToken).ConfigureAwait(false);
    }

    // The drops after the premiere; the premiere is the release row (and a whole-season release has no others).
    private static async Task StoreLaterDropsAsync(DatabaseSession session, long runId, Plan plan, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(
            session,
            transaction,
            "INSERT INTO release_drops (run_id, title, region, drop_index, date, publish_at) VALUES (@run, @title, @region, @index, @date, @publishAt)");
        var run = Parameter(command, "run", DbType.Int64);
        var title = Parameter(command, "title", DbType.String);
        var region = Parameter(command, "region", DbType.String);
        var index = Parameter(command, "index", DbType.Int64);
        var date = Parameter(command, "date", DbType.String);
        var publishAt = Parameter(command, "publishAt", DbType.String);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        run.Value = runId;
        foreach (var release in plan.Releases)
        {
            title.Value = release.Title;
            region.Value = release.Region;
            foreach (var drop in release.Drops.Where(d => d.Index > 0))
            {
                index.Value = (long)drop.Index;
                date.Value = StoredText.Of(drop.Date);
                publishAt.Value = StoredText.Of(drop.PublishAt);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static DbCommand Command(DatabaseSession session, DbTransaction transaction, string sql)
    {
        var command = session.Connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is a constant of this class; values go in parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
