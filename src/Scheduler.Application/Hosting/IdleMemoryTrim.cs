using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scheduler.Application.Hosting;

/// <summary>
/// Gives memory back to the system once a burst is over. A scenario upload or a solve can grow the
/// managed heap by hundreds of megabytes; an idle server then allocates too little for the garbage
/// collector ever to run a full collection, so the heap would stay that large for hours. Every
/// <see cref="Interval"/>, when the process allocated less than <see cref="IdleAllocationBytes"/>
/// since the last look and the heap holds at least <see cref="SlackBytes"/> more than after the
/// last trim, one aggressive collection compacts it and returns what is free
/// (measured in bench/README.md, "Memory after a burst").
/// </summary>
internal sealed class IdleMemoryTrim : BackgroundService
{
    /// <summary>How often the process looks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Allocations per interval below which the process counts as idle: the plan watcher and Quartz's polls allocate far less.</summary>
    public const long IdleAllocationBytes = 32L * 1024 * 1024;

    /// <summary>Committed memory beyond the last trim's that is worth a full, compacting collection.</summary>
    public const long SlackBytes = 64L * 1024 * 1024;

    private readonly TimeProvider _time;
    private readonly ILogger<IdleMemoryTrim> _logger;
    private long _allocatedAtLastLook = GC.GetTotalAllocatedBytes();
    private long _committedAfterTrim = GC.GetGCMemoryInfo().TotalCommittedBytes;

    public IdleMemoryTrim(TimeProvider time, ILogger<IdleMemoryTrim> logger)
    {
        _time = time;
        _logger = logger;
    }

    /// <summary>One look: trims when idle with slack; true when it did.</summary>
    public bool Look()
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var idle = allocated - _allocatedAtLastLook < IdleAllocationBytes;
        _allocatedAtLastLook = allocated;
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        if (!idle || committed - _committedAfterTrim < SlackBytes)
        {
            return false;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _committedAfterTrim = GC.GetGCMemoryInfo().TotalCommittedBytes;
        _allocatedAtLastLook = GC.GetTotalAllocatedBytes();
        _logger.MemoryTrimmed(committed / (1024 * 1024), _committedAfterTrim / (1024 * 1024));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Look();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops.
        }
    }
}
