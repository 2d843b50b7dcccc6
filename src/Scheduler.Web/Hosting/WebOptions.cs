namespace Scheduler.Web.Hosting;

/// <summary>How <c>serve --http</c> listens.</summary>
public sealed record WebOptions(Uri Url)
{
    /// <summary>Request bodies above this (a scenario of 20 MB is far beyond any slate) are refused with 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Where clients reach the API, the OpenAPI document's server; null: <see cref="Url"/>, unless it listens on every interface.</summary>
    public Uri? PublicUrl { get; init; }
}
