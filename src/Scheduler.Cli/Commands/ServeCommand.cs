using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Sinks;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler serve [--db PATH] [--sink URL|FILE]</c>: publishes the plan of record at the
/// instants it promises, survives restarts, and follows adoptions made meanwhile.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var database = Database.Option();
        var sink = new Option<string>("--sink")
        {
            Description = "Where notifications go: an http(s) URL (POST, JSON) or a file (JSON lines).",
            DefaultValueFactory = _ => "publications.jsonl",
        };
        var command = new Command("serve", "Publish the plan of record at its instants; runs until Ctrl-C or SIGTERM.") { database, sink };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = DatabaseLocation.Resolve(parse.GetValue(database), Environment.GetEnvironmentVariable);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var target = parse.GetValue(sink)!;
            INotificationSink notificationSink = Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? new HttpSink(http, uri)
                : new FileSink(target);
            IHost host;
            try
            {
                host = PublishingHost.Build(new ServeOptions(path, notificationSink), context.Time);
            }
            catch (StorageException ex)
            {
                await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            using (host)
            {
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
