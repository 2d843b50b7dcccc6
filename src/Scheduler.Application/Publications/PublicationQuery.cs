using System.ComponentModel.DataAnnotations;
using Scheduler.Storage;

namespace Scheduler.Application.Publications;

/// <summary>Which drops <c>status</c> and the API list: a page in publication order, of one state or all.</summary>
public sealed class PublicationQuery
{
    /// <summary>How many drops a page holds unless asked otherwise: a small plan's every drop.</summary>
    public const int DefaultLimit = 1000;

    /// <summary>The most drops one page may hold.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Only drops in this state; null for all.</summary>
    public PublicationState? State { get; init; }

    /// <summary>How many drops of the listing to skip.</summary>
    [Range(0, long.MaxValue, ErrorMessage = "must be 0 or more")]
    public long Offset { get; init; }

    /// <summary>How many drops to list, from 0 (counts only) to <see cref="MaxLimit"/>.</summary>
    [Range(0, MaxLimit, ErrorMessage = "must be from 0 to 10000")]
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Every way the query is unusable, each with its field (<c>offset</c>, <c>limit</c>); empty when it is fine.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return [.. results.Select(r => (r.MemberNames.Single().ToLowerInvariant(), r.ErrorMessage!))];
    }
}
