namespace Scheduler.Web.Hosting;

/// <summary>How <c>serve --http</c> listens.</summary>
public sealed record WebOptions(Uri Url)
{
    /// <summary>Request bodies above this (a scenario of 20 MB is far beyond any slate) are refused with 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>
    /// The most candidates a scenario planned or compared over HTTP may imply: above it the request
    /// is refused with 422 before anything is queued (<see cref="Solver.Planning.CandidateEstimate.Limit"/> but in tests).
    /// </summary>
    public long CandidateLimit { get; init; } = Solver.Planning.CandidateEstimate.Limit;
}
