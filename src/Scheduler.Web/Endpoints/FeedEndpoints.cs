using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Scheduler.Application.Calendars;
using Scheduler.Reports.Feeds;
using Scheduler.Storage;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>GET /api/calendar.ics</c> and <c>GET /api/calendar/{region}.ics</c>: the plan of record as
/// iCalendar feeds (docs/workbooks.md). A calendar app cannot send a bearer header, so the URL
/// carries the secret of a feed token (<c>?key=</c>), which reads the feeds and nothing else; an API
/// token is refused here, as a feed token is refused by the API.
/// </summary>
internal static class FeedEndpoints
{
    private const string HowToSubscribe = "A calendar feed's URL carries its key: add ?key=SECRET, the secret of a token made by 'scheduler token add NAME --role feed'.";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/calendar.ics", (string? key, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
                => FeedAsync(key, null, openDatabase, cancellationToken))
            .AllowAnonymous()
            .Describe("getCalendarFeed", "The plan of record's releases in every region as an iCalendar feed (one event per drop, stable UIDs, SEQUENCE raised when a date moves); "
                + "?key= is a feed token's secret.")
            .AnswersText(ReleaseFeed.ContentType)
            .Refuses(StatusCodes.Status404NotFound);
        api.MapGet("/calendar/{region}.ics", (string region, string? key, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
                => FeedAsync(key, region, openDatabase, cancellationToken))
            .AllowAnonymous()
            .Describe("getRegionCalendarFeed", "The plan of record's releases in one region as an iCalendar feed, at their local times with the region's VTIMEZONE; ?key= is a feed token's secret.")
            .AnswersText(ReleaseFeed.ContentType)
            .Refuses(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> FeedAsync(string? key, string? region, Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return Problems.Of(StatusCodes.Status401Unauthorized, "Sign in with a feed key", HowToSubscribe);
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var token = await database.Tokens.FindBySecretAsync(key.Trim(), cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return Problems.Of(StatusCodes.Status401Unauthorized, "Sign in with a feed key", $"The feed key is unknown or revoked. {HowToSubscribe}");
        }

        if (token.Role != TokenRole.Feed)
        {
            return Problems.Of(StatusCodes.Status403Forbidden, "Not allowed for this role",
                $"Token '{token.Name}' has role {TokenRoles.Format(token.Role)}; feeds take only feed tokens, whose secret may stand in a URL because they read nothing else.");
        }

        if (await ReleaseFeeds.PlanOfRecordAsync(database, cancellationToken).ConfigureAwait(false) is not { } source)
        {
            return Problems.NotFound("There is no plan of record yet: adopt a run first.");
        }

        if (region is not null && !source.Input.Scenario.RegionsById.ContainsKey(region))
        {
            return Problems.NotFound($"The plan of record's scenario has no region '{region}'; its regions are {string.Join(", ", source.Input.Scenario.Regions.Select(r => r.Id))}.");
        }

        return Results.Text(ReleaseFeed.Write(source, region), $"{ReleaseFeed.ContentType}; charset=utf-8");
    }
}
