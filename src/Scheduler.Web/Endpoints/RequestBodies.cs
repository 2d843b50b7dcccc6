using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Endpoints;

/// <summary>Reading request bodies whole, within the host's size limit (beyond it Kestrel answers 413).</summary>
internal static class RequestBodies
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The body as a JSON object, or the 422 problem that says why it is not one.</summary>
    public static async Task<(JsonElement Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = JsonSerializer.Deserialize<JsonElement>(bytes);
            return body.ValueKind == JsonValueKind.Object
                ? (body, null)
                : (default, Problems.Invalid("$", "the body must be a JSON object"));
        }
        catch (JsonException ex)
        {
            return (default, Problems.Invalid(ex.Path is { Length: > 0 } path ? path : "$", $"the body is not JSON: {ex.Message}"));
        }
    }
}
