using System.CommandLine;
using System.Text.Json;
using NodaTime.Text;
using Scheduler.Storage;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler token add NAME --role viewer|planner|admin|feed</c>, <c>token list</c>, <c>token revoke NAME</c>:
/// the bearer tokens of the HTTP API. A new token is printed once, alone on standard output; only its hash is stored.
/// </summary>
internal static class TokenCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("token", "Manage the HTTP API's bearer tokens (viewers read; planners also submit, plan and compare; admins also adopt and revoke).")
        {
            Add(context), List(context), Revoke(context),
        };
        return command;
    }

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "Who or what holds the token (letters, digits, '-', '_', '.'); the audit log names it." };
        var role = new Option<string>("--role") { Description = "viewer, planner or admin (the API), or feed (the iCalendar feeds only, its secret in the feed URL).", Required = true };
        role.AcceptOnlyFromAmong("viewer", "planner", "admin", "feed");
        var database = Database.Option();
        var command = new Command("add", "Make a token and print it once, alone on standard output.") { name, role, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.InvalidInput;
            }

            var tokenRole = Enum.Parse<TokenRole>(parse.GetValue(role)!, ignoreCase: true);
            string secret;
            try
            {
                secret = await store.Tokens.AddAsync(parse.GetValue(name)!, tokenRole, Database.Actor, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException ex)
            {
                await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            await context.Output.WriteLineAsync(secret).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Token '{parse.GetValue(name)}' ({parse.GetValue(role)}) added to {store.Display}. It is shown only now: keep it where its holder can read it.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var database = Database.Option();
        var command = new Command("list", "List the tokens (never their secrets).") { json, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.InvalidInput;
            }

            var tokens = await store.Tokens.ListAsync(cancellationToken).ConfigureAwait(false);
            var rows = tokens.Select(t => new
            {
                name = t.Name,
                role = t.Role.ToString().ToLowerInvariant(),
                createdAt = InstantPattern.General.Format(t.CreatedAt),
                revokedAt = t.RevokedAt is { } at ? InstantPattern.General.Format(at) : null,
            }).ToList();
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(rows, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumn("name").AddColumn("role").AddColumn("created (UTC)").AddColumn("revoked (UTC)");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.name), row.role, row.createdAt, row.revokedAt ?? "");
            }

            Terminal.For(context).Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The token to revoke." };
        var database = Database.Option();
        var command = new Command("revoke", "Revoke a token; it stops working at once.") { name, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.InvalidInput;
            }

            if (!await store.Tokens.RevokeAsync(parse.GetValue(name)!, Database.Actor, cancellationToken).ConfigureAwait(false))
            {
                await context.Error.WriteLineAsync($"There is no active token named '{parse.GetValue(name)}' in {store.Display}.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            await context.Output.WriteLineAsync($"Token '{parse.GetValue(name)}' revoked.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
