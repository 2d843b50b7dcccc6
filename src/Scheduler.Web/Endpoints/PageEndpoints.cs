using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// The planners' page at <c>/</c> and its script and style, from the assembly's resources: nothing
/// is fetched from elsewhere, and the page itself holds no data (it signs in and calls <c>/api</c>).
/// </summary>
internal static class PageEndpoints
{
    // Inline styles are for the calendar reports the page shows in a frame; scripts only from here.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => Serve(context, "index.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/assets/{file}", (HttpContext context, string file) => Serve(context, file)).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, string file)
    {
        var extension = Path.GetExtension(file);
        var stream = typeof(PageEndpoints).Assembly.GetManifestResourceStream($"wwwroot/{file}");
        if (stream is null || !ContentTypes.TryGetValue(extension, out var contentType))
        {
            stream?.Dispose();
            return Problems.NotFound($"There is no page asset '{file}'.");
        }

        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(stream, contentType);
    }
}
