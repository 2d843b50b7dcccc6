using System.CommandLine;
using System.Globalization;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler db copy --from DB --to DB</c>: moves a whole Scheduler database to another (an
/// SQLite file to PostgreSQL before running a cluster), verified by counting every table on both sides.
/// </summary>
internal static class DbCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The database to copy: a file path or a postgres:// URI.", Required = true };
        var to = new Option<string>("--to") { Description = "The database to copy into, holding no scenarios or runs yet: a file path or a postgres:// URI.", Required = true };
        var copy = new Command("copy", "Copy every scenario, run, the plan of record, the audit log, the API tokens and the publication history into another database.") { from, to };
        copy.SetAction(async (parse, cancellationToken) =>
        {
            using var source = await Database.OpenAsync(context, parse.GetValue(from), cancellationToken).ConfigureAwait(false);
            if (source is null)
            {
                return ExitCodes.InvalidInput;
            }

            using var target = await Database.OpenAsync(context, parse.GetValue(to), cancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                return ExitCodes.InvalidInput;
            }

            IReadOnlyList<CopiedTable> counts;
            try
            {
                counts = await DatabaseCopy.CopyAsync(source, target, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException ex)
            {
                await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            foreach (var table in counts)
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{table.Table,-15} {table.Source,8} -> {table.Target,8}")).ConfigureAwait(false);
            }

            var mismatched = counts.Where(c => c.Source != c.Target).Select(c => c.Table).ToList();
            if (mismatched.Count > 0)
            {
                await context.Error.WriteLineAsync($"The copy in '{target.Display}' does not match '{source.Display}' in: {string.Join(", ", mismatched)}.").ConfigureAwait(false);
                return ExitCodes.InternalError;
            }

            await context.Output.WriteLineAsync($"Copied '{source.Display}' into '{target.Display}'; every table counts the same on both sides.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return new Command("db", "Work on a whole database.") { copy };
    }
}
