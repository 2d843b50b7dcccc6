using System.Globalization;
using System.Net;
using System.Text;
using Scheduler.Storage;

namespace Scheduler.Publishing.Sinks;

/// <summary>
/// POSTs each notification as JSON with an <c>Idempotency-Key</c> header (run, title, region, drop), so
/// that a receiver can ignore a repeat after a retry. 5xx answers and timeouts are retried; a 4xx
/// is recorded as failed with the response.
/// </summary>
public sealed class HttpSink : INotificationSink
{
    private readonly HttpClient _client;
    private readonly Uri _endpoint;

    public HttpSink(HttpClient client, Uri endpoint)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
    }

    public async Task<DeliveryResult> DeliverAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(notification.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", notification.IdempotencyKey);
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryResult(DeliveryOutcome.Delivered);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var error = string.Create(CultureInfo.InvariantCulture, $"HTTP {code} {response.ReasonPhrase}: {Shorten(body)}");
            return code >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout || response.StatusCode == HttpStatusCode.TooManyRequests
                ? new DeliveryResult(DeliveryOutcome.Retry, error)
                : new DeliveryResult(DeliveryOutcome.Failed, error);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, ex.Message);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, $"timed out: {ex.Message}");
        }
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : string.Concat(text.AsSpan(0, 497), "...");
}
