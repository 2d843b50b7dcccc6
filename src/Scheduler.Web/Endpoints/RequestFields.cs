using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Endpoints;

/// <summary>The fields the plan and compare requests share, read from the body with an error at their path when they are wrong.</summary>
internal static class RequestFields
{
    /// <summary>The longest solve the API queues: an hour; longer ones belong to a planner's shell.</summary>
    public const double MaxTimeLimitSeconds = Contracts.Limits.MaxTimeLimitSeconds;

    /// <summary>The longest page of runs or scenarios a list gives.</summary>
    public const int MaxListLimit = 500;

    /// <summary><c>?limit</c> of a list: from 1 to <see cref="MaxListLimit"/>; the 422 that says so, or null when it is.</summary>
    public static IResult? ListLimit(int limit)
        => limit is >= 1 and <= MaxListLimit
            ? null
            : Problems.Invalid("?limit", string.Create(CultureInfo.InvariantCulture, $"must be from 1 to {MaxListLimit} (got {limit})"));

    /// <summary><c>scenarioId</c>: required, a stored scenario's id.</summary>
    public static long ScenarioId(JsonElement body, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body.TryGetProperty("scenarioId", out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var id))
        {
            return id;
        }

        errors.Add(new FieldError("$.scenarioId", "required: the id of a stored scenario (POST /api/scenarios gives it)"));
        return 0;
    }

    /// <summary><c>timeLimitSeconds</c>: optional (null: the scenario's own), greater than 0 and at most <see cref="MaxTimeLimitSeconds"/>.</summary>
    public static double? TimeLimitSeconds(JsonElement body, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!body.TryGetProperty("timeLimitSeconds", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.GetDouble() is > 0 and <= MaxTimeLimitSeconds)
        {
            return element.GetDouble();
        }

        errors.Add(new FieldError("$.timeLimitSeconds", string.Create(CultureInfo.InvariantCulture, $"must be a number of seconds greater than 0 and at most {MaxTimeLimitSeconds}")));
        return null;
    }

    /// <summary><c>seed</c>: optional (null: no seed), a whole number from 0 to 2147483647.</summary>
    public static int? Seed(JsonElement body, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!body.TryGetProperty("seed", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var seed) && seed >= 0)
        {
            return seed;
        }

        errors.Add(new FieldError("$.seed", "must be a whole number from 0 to 2147483647"));
        return null;
    }

    /// <summary><c>bestEffort</c>: optional (null: the scenario's <c>solver.bestEffort</c>), true or false.</summary>
    public static bool? BestEffort(JsonElement body, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!body.TryGetProperty("bestEffort", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        errors.Add(new FieldError("$.bestEffort", "must be true or false"));
        return null;
    }

    /// <summary>
    /// Every field of the body that the request does not know, as an error at its path: a typo is
    /// refused, not ignored (<c>$.timelimitseconds: unknown field; did you mean timeLimitSeconds?</c>).
    /// </summary>
    public static void Unknown(JsonElement body, List<FieldError> errors, params string[] known)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var field in body.EnumerateObject().Select(p => p.Name).Where(name => !known.Contains(name, StringComparer.Ordinal)))
        {
            var nearest = known.MinBy(k => Distance(k.ToUpperInvariant(), field.ToUpperInvariant()))!;
            errors.Add(new FieldError(
                $"$.{field}",
                Distance(nearest.ToUpperInvariant(), field.ToUpperInvariant()) <= 2
                    ? $"unknown field; did you mean {nearest}?"
                    : $"unknown field; the fields are {string.Join(", ", known)}"));
        }
    }

    // Edits (insert, delete, replace) between two names, for the nearest known field.
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
