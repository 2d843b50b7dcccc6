using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Scheduler.Application;
using Scheduler.Application.Checking;
using Scheduler.Application.Hosting;
using Scheduler.Publishing;
using Scheduler.Publishing.Resilience;
using Scheduler.Reports;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Endpoints;

namespace Scheduler.Web.Hosting;

/// <summary>
/// <c>scheduler serve --http URL</c>: one process that publishes (Quartz, the plan watcher, the
/// delivery loop, nightly replans) and answers HTTP: the API under <c>/api</c> with bearer tokens,
/// the planners' page at <c>/</c>, <c>/healthz</c>, <c>/metrics</c> (Prometheus text) and the
/// OpenAPI document at <c>/openapi/v1.json</c>.
/// </summary>
public static class SchedulerWebHost
{
    /// <param name="serve">What <c>serve</c> publishes, and where.</param>
    /// <param name="web">Where it listens and how much it accepts.</param>
    /// <param name="time">The clock of every job, of Quartz and of the API.</param>
    /// <param name="logging">Replaces the console logging (tests).</param>
    public static WebApplication Build(ServeOptions serve, WebOptions web, TimeProvider time, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(serve);
        ArgumentNullException.ThrowIfNull(web);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SchedulerWebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(web.Url.ToString());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = web.MaxRequestBodyBytes);
        ServeHost.Add(builder, serve, time, logging, answersHttp: true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Every refused token would otherwise log a line; the client's problem answer says it all.
        builder.Logging.AddFilter(typeof(BearerTokenHandler).FullName, LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(web);
        services.AddSingleton<MoveChecks>();

        // A query or route value that does not bind throws, so that it is answered as a problem, never an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        // Answers the host writes itself (server-sent events) speak the vocabularies' words too, as ReportJson does.
        // Numbers as numbers only, as every answer writes them: the document then declares integers, not 'integer or string'.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(Words.Policy));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });

        // Nothing here protects data with keys (no cookies, no antiforgery): keys in memory spare a key ring on disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization(options =>
        {
            foreach (var (policy, roles) in ApiRoles.Policies)
            {
                options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }
        });
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(ApiDocumentOutline.ApplyAsync);
            options.AddDocumentTransformer(BearerSecurityScheme.AddAsync);
            options.AddOperationTransformer(ApiDescriptions.DescribeRequestBodyAsync);
            options.AddSchemaTransformer(ApiDescriptions.TidyNullsAsync);
        });
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("scheduler", serviceInstanceId: serve.Node.Name))
            .WithMetrics(metrics => metrics.AddMeter(PublicationMetrics.MeterName).AddPrometheusExporter());

        var app = builder.Build();
        app.Use(RefuseBadRequestsAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        HealthEndpoints.Map(app.MapGroup("").WithTags("Operations"));
        PageEndpoints.Map(app);
        var api = app.MapGroup("/api").Refuses(ApiDescriptions.EveryApiOperation);
        ScenarioEndpoints.Map(api.MapGroup("").WithTags("Scenarios"));
        RunEndpoints.Map(api.MapGroup("").WithTags("Runs"));
        MoveEndpoints.Map(api.MapGroup("").WithTags("Runs"));
        FitEndpoints.Map(api.MapGroup("").WithTags("Runs"));
        StopEndpoints.Map(api.MapGroup("").WithTags("Runs"));
        WorkbookEndpoints.Map(api.MapGroup("").WithTags("Runs"));
        FeedEndpoints.Map(api.MapGroup("").WithTags("Feeds"));
        CompareEndpoints.Map(api.MapGroup("").WithTags("Comparisons"));
        PublicationEndpoints.Map(api.MapGroup("").WithTags("Publications"));
        TokenEndpoints.Map(api.MapGroup("").WithTags("Tokens"));
        // Any path, dotted ones too (/api/runs/1.5): the default fallback leaves what looks like a file to an empty 404.
        api.MapFallback("{*path}", (HttpContext context) => Problems.NotFound($"There is no API endpoint {context.Request.Method} {context.Request.Path}."));
        return app;
    }

    // A body over the limit (413) or cut short (400) ends in Kestrel's exception; the client gets a
    // problem that says which, a database that does not answer a 503 to come back, and any other
    // failure a sentence, never a stack trace.
    private static async Task RefuseBadRequestsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var limit = context.RequestServices.GetRequiredService<WebOptions>().MaxRequestBodyBytes;
            if (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await Problems.WriteAsync(context, ex.StatusCode, "Request body too large", string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limit / (1024.0 * 1024):0.##} MB.")).ConfigureAwait(false);
            }
            else if (UnboundParameter.Of(ex, context) is { } unbound)
            {
                await Problems.WriteAsync(context, ex.StatusCode, "Bad request", $"{unbound.Path}: {unbound.Message}", [unbound]).ConfigureAwait(false);
            }
            else
            {
                await Problems.WriteAsync(context, ex.StatusCode, "Bad request", ex.Message).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!context.Response.HasStarted && DatabaseFaults.IsTransient(ex))
        {
            // The node's outage logs it once; the client is told to come back, not that the server broke.
            var outage = context.RequestServices.GetRequiredService<DatabaseOutage>();
            outage.Failed(ex);
            context.Response.Headers.RetryAfter = "5";
            await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Database unavailable", "The database does not answer just now; try again in a few seconds.").ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            // The client gets the id of the log line that holds the details, never the details themselves.
            var correlationId = context.TraceIdentifier;
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchedulerWebHost))
                .RequestFailed(ex, context.Request.Method, context.Request.Path, correlationId);
            await Problems.WriteAsync(
                context,
                StatusCodes.Status500InternalServerError,
                "Internal error",
                $"The server could not answer {context.Request.Method} {context.Request.Path}; its log tells why under correlation id {correlationId}.",
                correlationId: correlationId).ConfigureAwait(false);
        }
    }
}
