using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scheduler.Application.Hosting;

/// <summary>
/// Gives memory back to the system once a burst is over. A scenario upload or a solve can grow the
/// managed heap by hundreds of megabytes, and the solver's native heap too; an idle server then
/// allocates too little for the garbage collector ever to run a full collection, and the C
/// allocator keeps what the solver freed, so the process would stay that large for hours. Every
/// <see cref="Interval"/>, when the process allocated less than <see cref="IdleAllocationBytes"/>
/// since the last look and holds at least <see cref="SlackBytes"/> more than after the last trim,
/// one aggressive collection compacts the managed heap and returns what is free, and on Linux the C
/// allocator is asked to return its free pages (<c>malloc_trim</c>)
/// (measured in bench/README.md, "Memory after a burst").
/// </summary>
internal sealed partial class IdleMemoryTrim : BackgroundService
{
    /// <summary>How often the process looks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Allocations per interval below which the process counts as idle: the plan watcher and Quartz's polls allocate far less.</summary>
    public const long IdleAllocationBytes = 32L * 1024 * 1024;

    /// <summary>Resident memory beyond the last trim's that is worth a full, compacting collection.</summary>
    public const long SlackBytes = 64L * 1024 * 1024;

    private readonly TimeProvider _time;
    private readonly ILogger<IdleMemoryTrim> _logger;
    private long _allocatedAtLastLook = GC.GetTotalAllocatedBytes();
    private long _residentAfterTrim = Environment.WorkingSet;

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
        var resident = Environment.WorkingSet;
        if (!idle || resident - _residentAfterTrim < SlackBytes)
        {
            return false;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
        _residentAfterTrim = Environment.WorkingSet;
        _allocatedAtLastLook = GC.GetTotalAllocatedBytes();
        _logger.MemoryTrimmed(resident / (1024 * 1024), _residentAfterTrim / (1024 * 1024));
        return true;
    }

    // glibc keeps the pages the solver freed for its next allocation; this hands the free ones back.
    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another C library (musl): nothing to ask.
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

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
