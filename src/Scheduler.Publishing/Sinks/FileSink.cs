using System.Text;
using Scheduler.Storage;

namespace Scheduler.Publishing.Sinks;

/// <summary>Appends each notification as one JSON line to a file, flushed to disk before it counts as delivered.</summary>
public sealed class FileSink : INotificationSink
{
    private readonly string _path;

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
            await using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(notification.Payload + "\n"), cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            return new DeliveryResult(DeliveryOutcome.Delivered);
        }
        catch (IOException ex)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, ex.Message);
        }
    }
}
