namespace Scheduler.Publishing.Resilience;

/// <summary>How work that meets a passing database fault is retried on a serve node.</summary>
public static class RetryConstants
{
    /// <summary>The first wait after a failure; each next one doubles, with jitter.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between two attempts: what falls due during an outage is published within
    /// this (plus one attempt) of the database's return.
    /// </summary>
    public static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(5);

    /// <summary>Attempts of a publication inside its own job before it is left to the catch-up that follows an outage.</summary>
    public const int PublicationAttempts = 3;
}
