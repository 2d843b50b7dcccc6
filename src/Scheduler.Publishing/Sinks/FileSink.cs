using System.Text;
using Scheduler.Storage;

namespace Scheduler.Publishing.Sinks;

/// <summary>
/// Appends each notification as one JSON line to a file, flushed to disk before it counts as
/// delivered. A notification whose idempotency key is already in the file (delivered just before a
/// crash, and retried after the restart) is not written again.
/// </summary>
public sealed class FileSink : INotificationSink
{
    private readonly string _path;
    private HashSet<string>? _written;

    public FileSink(string path)
    {
        _path = Path.GetFullPath(path ?? throw new ArgumentNullException(nameof(path)));
    }

    public async Task<DeliveryResult> DeliverAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            _written ??= await WrittenKeysAsync(cancellationToken).ConfigureAwait(false);
            if (!_written.Add(notification.IdempotencyKey))
            {
                return new DeliveryResult(DeliveryOutcome.Delivered);
            }

            await using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(notification.Payload + "\n"), cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            return new DeliveryResult(DeliveryOutcome.Delivered);
        }
        catch (IOException ex)
        {
            _written = null;
            return new DeliveryResult(DeliveryOutcome.Retry, ex.Message);
        }
    }

    private async Task<HashSet<string>> WrittenKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(_path))
        {
            return keys;
        }

        await EndWithNewLineAsync(cancellationToken).ConfigureAwait(false);
        foreach (var line in await File.ReadAllLinesAsync(_path, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(line);
                if (json.RootElement.TryGetProperty("idempotencyKey", out var key) && key.GetString() is { } text)
                {
                    keys.Add(text);
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // A line cut short by a crash: its notification is still pending and is written again whole.
            }
        }

        return keys;
    }

    /// <summary>After a crash in the middle of a line, starts the next one on a line of its own.</summary>
    private async Task EndWithNewLineAsync(CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (stream.Length == 0)
        {
            return;
        }

        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() != '\n')
        {
            await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
    }
}
