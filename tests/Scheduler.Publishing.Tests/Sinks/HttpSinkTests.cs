using System.Net;
using System.Text.Json;
using NodaTime;
using Scheduler.Publishing.Sinks;
using Scheduler.Publishing.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Publishing.Tests.Sinks;

/// <summary>The HTTP sink: each notification delivered once, a server error retried, a refusal recorded as failed.</summary>
public class HttpSinkTests
{
    [Test]
    public async Task HttpSink_SuccessThenServerErrorThenRefusal_AreDeliveredRetriedAndRecordedAsFailed()
    {
        using var fixture = new PublishingFixture();
        var past = PublishingFixture.Now - Duration.FromSeconds(1);
        await fixture.AdoptPlanAsync(("ok", "us", past), ("flaky", "us", past + Duration.FromMilliseconds(1)), ("refused", "us", past + Duration.FromMilliseconds(2)));
        var answers = new Dictionary<string, Queue<HttpStatusCode>>
        {
            ["ok"] = new([HttpStatusCode.OK]),
            ["flaky"] = new([HttpStatusCode.InternalServerError, HttpStatusCode.OK]),
            ["refused"] = new([HttpStatusCode.BadRequest]),
        };
        var keys = new List<string>();
        using var server = new HttpListener();
        var port = 20000 + Random.Shared.Next(20000);
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var serving = Task.Run(async () =>
        {
            while (server.IsListening)
            {
                HttpListenerContext request;
                try
                {
                    request = await server.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new StreamReader(request.Request.InputStream);
                var title = JsonDocument.Parse(await body.ReadToEndAsync()).RootElement.GetProperty("title").GetString()!;
                lock (keys)
                {
                    keys.Add(request.Request.Headers["Idempotency-Key"]!);
                }

                request.Response.StatusCode = (int)answers[title].Dequeue();
                request.Response.Close();
            }
        });

        using var http = new HttpClient();
        using (var host = fixture.Host(new HttpSink(http, new Uri($"http://127.0.0.1:{port}/publications"))))
        {
            await host.StartAsync();
            await PublishingFixture.WaitUntilAsync(
                async () =>
                {
                    await using var database = await fixture.OpenAsync();
                    var notifications = await database.Notifications.AllAsync();
                    return notifications.All(n => n.Status != NotificationStatus.Pending) && notifications.Count == 3;
                },
                TimeSpan.FromSeconds(20));
            await host.StopAsync();
        }

        server.Stop();
        await serving;
        await using var check = await fixture.OpenAsync();
        var notifications = (await check.Notifications.AllAsync()).ToDictionary(n => n.Title);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(notifications["ok"].Status, Is.EqualTo(NotificationStatus.Delivered));
            Assert.That(notifications["flaky"].Status, Is.EqualTo(NotificationStatus.Delivered));
            Assert.That(notifications["flaky"].Attempts, Is.EqualTo(2));
            Assert.That(notifications["refused"].Status, Is.EqualTo(NotificationStatus.Failed));
            Assert.That(notifications["refused"].LastError, Does.StartWith("HTTP 400"));
            Assert.That(keys, Has.Count.EqualTo(4));
            Assert.That(keys, Has.All.Match(@"^\d+:(ok|flaky|refused):us$"));
        }
    }
}
