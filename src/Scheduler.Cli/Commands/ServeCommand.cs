using System.CommandLine;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Application.Hosting;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Resilience;
using Scheduler.Publishing.Sinks;
using Scheduler.Storage;
using Scheduler.Web.Hosting;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler serve [--db PATH|URI] [--sink URL|FILE] [--http URL]</c>: publishes the plan of record at the
/// instants it promises, survives restarts, and follows adoptions made meanwhile; with <c>--http</c>, also the API and the planners' page.
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
        var cron = new Option<string>("--replan-cron") { Description = "Quartz cron expression of the nightly replan ('none' for no replans).", DefaultValueFactory = _ => "0 0 2 * * ?" };
        var zone = new Option<string>("--replan-zone") { Description = "IANA time zone the cron expression is read in.", DefaultValueFactory = _ => "Etc/UTC" };
        var node = new Option<string?>("--node")
        {
            Description = "This node's name among the serve nodes sharing a PostgreSQL database (default: host name and process id); status shows which node published each drop.",
        };
        var httpAddress = new Option<string?>("--http")
        {
            Description = "Also answer HTTP at this URL, such as http://127.0.0.1:8080: the API under /api (bearer tokens from 'scheduler token add'), the planners' page at /, /healthz, /metrics and /openapi/v1.json.",
        };
        var publicUrl = new Option<string?>("--public-url")
        {
            Description = "Where clients reach the API (a TLS proxy's https address, say), given as the OpenAPI document's server; default: the --http address, unless it listens on every interface.",
        };
        var solveSlots = new Option<int>("--solve-slots")
        {
            Description = "Solves this node runs at once (plans asked for over HTTP and, in a cluster, queued solve jobs); more wait for a free slot here or on another node. 0: a cluster node that solves nothing.",
            DefaultValueFactory = _ => 1,
        };
        var window = new Option<string>("--trigger-window")
        {
            Description = "How far ahead drops have publication triggers, such as 48h (the rest wait in the database); from 10s to 31d.",
            DefaultValueFactory = _ => "48h",
        };
        var refill = new Option<string>("--refill-every")
        {
            Description = "How often the trigger window is filled again, once for the whole cluster, such as 1h; shorter than --trigger-window.",
            DefaultValueFactory = _ => "1h",
        };
        var maxMemory = MemorySize.Option();
        var command = new Command("serve", "Publish the plan of record at its instants and replan nightly; runs until Ctrl-C or SIGTERM. Several nodes on one PostgreSQL database form a cluster that shares the solving.")
        {
            database, sink, cron, zone, node, httpAddress, publicUrl, solveSlots, window, refill, maxMemory,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (await Database.ResolveAsync(context, parse.GetValue(database)).ConfigureAwait(false) is not { } target)
            {
                return ExitCodes.InvalidInput;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var sinkTarget = parse.GetValue(sink)!;
            INotificationSink notificationSink = Uri.TryCreate(sinkTarget, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? new HttpSink(http, uri)
                : new FileSink(sinkTarget);
            var cronText = parse.GetValue(cron)!;
            if (cronText != "none" && !Quartz.CronExpression.TryParse(cronText, out _))
            {
                await context.Error.WriteLineAsync($"--replan-cron: '{cronText}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, such as '0 0 2 * * ?').").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(parse.GetValue(zone)!, out var replanZone))
            {
                await context.Error.WriteLineAsync($"--replan-zone: '{parse.GetValue(zone)}' is not a known time zone.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var nodeName = parse.GetValue(node);
            if (nodeName is not null && (nodeName.Length is 0 or > 80 || nodeName.Any(char.IsWhiteSpace)))
            {
                await context.Error.WriteLineAsync($"--node: '{nodeName}' is not a node name: use 1 to 80 characters without spaces.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(solveSlots) is < 0 or > 64)
            {
                await context.Error.WriteLineAsync($"--solve-slots: {parse.GetValue(solveSlots)} is not a number of solves: use 0 to 64.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(solveSlots) == 0 && target.Kind != DatabaseKind.Postgres)
            {
                await context.Error.WriteLineAsync("--solve-slots 0 leaves the solving to other nodes, and only a cluster on PostgreSQL has any: with an SQLite file, use 1 or more.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (await TriggersAsync(context, parse.GetValue(window)!, parse.GetValue(refill)!).ConfigureAwait(false) is not { } triggers)
            {
                return ExitCodes.InvalidInput;
            }

            var options = new ServeOptions(target, notificationSink)
            {
                Triggers = triggers,
                SolveSlots = parse.GetValue(solveSlots),
                MemoryLimit = MemorySize.MemoryLimit(parse.GetValue(maxMemory), parse.GetValue(solveSlots)),
                ReplanCron = cronText == "none" ? null : cronText,
                ReplanZone = replanZone,
                Node = nodeName is null ? ServeNode.OfThisProcess() : new ServeNode(nodeName),
            };
            Uri? httpUrl = null;
            if (parse.GetValue(httpAddress) is { } httpText)
            {
                if (!Uri.TryCreate(httpText, UriKind.Absolute, out httpUrl) || httpUrl.Scheme != Uri.UriSchemeHttp || httpUrl.AbsolutePath != "/")
                {
                    await context.Error.WriteLineAsync($"--http: '{httpText}' is not an address to listen on: use http://HOST:PORT, such as http://127.0.0.1:8080.").ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }

                if (!httpUrl.IsLoopback)
                {
                    await context.Error.WriteLineAsync($"Note: {httpUrl} is reachable from other machines, and plain HTTP carries the bearer tokens unencrypted; put a TLS proxy in front of it.").ConfigureAwait(false);
                }
            }

            Uri? clientUrl = null;
            if (parse.GetValue(publicUrl) is { } publicText
                && (httpUrl is null || !Uri.TryCreate(publicText, UriKind.Absolute, out clientUrl) || clientUrl.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(clientUrl.Query)))
            {
                await context.Error.WriteLineAsync(httpUrl is null
                    ? "--public-url: only with --http, which answers the API."
                    : $"--public-url: '{publicText}' is not an address clients reach the API at: use http(s)://HOST[:PORT][/PATH], such as https://scheduler.example.com.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            IHost host;
            try
            {
                host = httpUrl is null
                    ? ServeHost.Build(options, context.Time)
                    : SchedulerWebHost.Build(options, new WebOptions(httpUrl) { PublicUrl = clientUrl }, context.Time);
            }
            catch (StorageException ex)
            {
                await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            using (host)
            {
                // Taken before the run, which disposes the host's services as it ends.
                var faults = host.Services.GetRequiredService<ServeFaults>();
                try
                {
                    await host.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (StorageException ex)
                {
                    // The database answered, but is not one this node can use (another application's, a newer schema).
                    await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopped while it waited for the database: nothing had started.
                }

                return await StoppedByAsync(context, faults).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<TriggerWindowOptions?> TriggersAsync(CliContext context, string window, string refill)
    {
        var errors = new List<string>();
        if (!DurationText.TryParse(window, out var windowSpan))
        {
            errors.Add($"--trigger-window: '{window}' is not a duration: use a whole number and s, m, h or d, such as 48h.");
        }

        if (!DurationText.TryParse(refill, out var refillSpan))
        {
            errors.Add($"--refill-every: '{refill}' is not a duration: use a whole number and s, m, h or d, such as 1h.");
        }

        var triggers = new TriggerWindowOptions { Window = windowSpan, RefillInterval = refillSpan };
        if (errors.Count == 0)
        {
            errors.AddRange(triggers.Validate().Select(e => $"--trigger-window, --refill-every: {e}"));
        }

        foreach (var error in errors)
        {
            await context.Error.WriteLineAsync(error).ConfigureAwait(false);
        }

        return errors.Count == 0 ? triggers : null;
    }

    // A node that stopped itself says why once, with the exit code of its cause; one stopped from outside ends well.
    private static async Task<int> StoppedByAsync(CliContext context, ServeFaults faults)
    {
        switch (faults.Stopped)
        {
            case null:
                return ExitCodes.Ok;
            case { Kind: FaultKind.Database, Fault: var fault }:
                await context.Error.WriteLineAsync(fault.Message).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            case { Fault: var fault }:
                // Reported as every internal error is: one sentence here, the details in a file.
                ExceptionDispatchInfo.Throw(fault);
                return ExitCodes.InternalError;
        }
    }
}
