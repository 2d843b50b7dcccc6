using Microsoft.Extensions.Hosting;
using Scheduler.Storage;

namespace Scheduler.Publishing.Resilience;

/// <summary>Why a serve node stopped by itself.</summary>
public enum FaultKind
{
    /// <summary>The database cannot be used at all: another application's, a newer schema, a wrong address. No retry mends it.</summary>
    Database,

    /// <summary>A fault in Scheduler itself.</summary>
    Internal,
}

/// <summary>
/// The one way a serve node stops itself: a piece of work that meets a fault no retry mends records
/// it here and stops the host, and <c>serve</c> ends with one sentence and its exit code, rather
/// than the host's own stack trace.
/// </summary>
public sealed class ServeFaults
{
    private readonly IHostApplicationLifetime _lifetime;
    private readonly Lock _lock = new();
    private (FaultKind Kind, Exception Fault)? _first;

    public ServeFaults(IHostApplicationLifetime lifetime)
    {
        _lifetime = lifetime ?? throw new ArgumentNullException(nameof(lifetime));
    }

    /// <summary>The first fault that stopped the node, if one did.</summary>
    public (FaultKind Kind, Exception Fault)? Stopped
    {
        get
        {
            lock (_lock)
            {
                return _first;
            }
        }
    }

    /// <summary>
    /// Runs one of the node's loops until it ends or the node stops; a fault that escapes it (one no
    /// retry mends) stops the node.
    /// </summary>
    public async Task GuardAsync(Func<Task> loop, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(loop);
        try
        {
            await loop().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
        catch (Exception fault)
        {
            Stop(fault is StorageException ? FaultKind.Database : FaultKind.Internal, fault);
        }
    }

    /// <summary>Stops the node for <paramref name="fault"/> (the first one is kept).</summary>
    public void Stop(FaultKind kind, Exception fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            _first ??= (kind, fault);
        }

        _lifetime.StopApplication();
    }
}
