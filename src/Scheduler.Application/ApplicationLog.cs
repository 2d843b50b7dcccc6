using Microsoft.Extensions.Logging;
using Scheduler.Storage;

namespace Scheduler.Application;

/// <summary>
/// Every line the application layer and the HTTP API log, each with its event id (2000 to 2999):
/// one per run queued, started, finished and cancelled, per adoption, token revoked and replan,
/// and the faults of runs and requests. (The publisher's lines are <c>PublishingLog</c>'s.)
/// </summary>
public static partial class ApplicationLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Run {Run} queued")]
    public static partial void RunQueued(this ILogger logger, long run);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Run {Run} started on node {Node}, attempt {Attempt}")]
    public static partial void RunStarted(this ILogger logger, long run, string node, long attempt);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Run {Run}: attempt {Attempt} on node {Node} (taken over from a node taken for dead)")]
    public static partial void RunTakenOver(this ILogger logger, long run, long attempt, string node);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Run {Run} finished: {Status}, objective {Objective:0.###}, gap {Gap:0.####}, in {Seconds:0.0} s")]
    public static partial void RunFinished(this ILogger logger, long run, string status, double? objective, double? gap, double seconds);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Run {Run} cancelled by {Actor}")]
    public static partial void RunCancelled(this ILogger logger, long run, string actor);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Run {Run} failed")]
    public static partial void RunFailed(this ILogger logger, Exception exception, long run);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Run {Run} was cut off by a stop of the server; it ends failed")]
    public static partial void RunCutOff(this ILogger logger, long run);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "Run {Run} could not be marked {State}")]
    public static partial void RunNotMarked(this ILogger logger, Exception exception, long run, RunState state);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Run {Run} ended or was taken over elsewhere; its solve here stops")]
    public static partial void RunStoppedElsewhere(this ILogger logger, long run);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Run {Run} had ended, or was taken over, before its solve here finished; this plan was not stored")]
    public static partial void RunNotStored(this ILogger logger, long run);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Run {Run} was running on {Node} without a solve job; it is queued again")]
    public static partial void RunRequeued(this ILogger logger, long run, string? node);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "{Count} queued runs had no solve job; their jobs are queued")]
    public static partial void QueuedRunsRequeued(this ILogger logger, int count);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Run {Run} handed back to the cluster: node {Node} is stopping")]
    public static partial void RunHandedBack(this ILogger logger, long run, string node);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Run {Run} could not be handed back while the database did not answer; a node's sweep queues it again")]
    public static partial void RunHandBackFailed(this ILogger logger, long run);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Information, Message = "Run {Run} told to finish now by {Actor}")]
    public static partial void RunFinishAsked(this ILogger logger, long run, string actor);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Information, Message = "Run {Run} finishing now with its best plan, as {Actor} asked")]
    public static partial void RunFinishing(this ILogger logger, long run, string actor);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Run {Run} adopted as the plan of record by {Actor}")]
    public static partial void PlanAdopted(this ILogger logger, long run, string actor);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Replan of run {Run} refused: {Reason}")]
    public static partial void ReplanRefused(this ILogger logger, long run, string reason);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Information, Message = "{Line}")]
    public static partial void Replanned(this ILogger logger, string line);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Information, Message = "Token {Token} revoked by {Actor}")]
    public static partial void TokenRevoked(this ILogger logger, string token, string actor);

    [LoggerMessage(EventId = 2050, Level = LogLevel.Information, Message = "Idle after a burst: memory trimmed from {Before} MB to {After} MB resident")]
    public static partial void MemoryTrimmed(this ILogger logger, long before, long after);

    [LoggerMessage(EventId = 2040, Level = LogLevel.Error, Message = "{Method} {Path} failed (correlation id {CorrelationId})")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path, string correlationId);
}
