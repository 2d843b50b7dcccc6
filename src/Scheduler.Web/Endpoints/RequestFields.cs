using System.Globalization;
using System.Text.Json;

namespace Scheduler.Web.Endpoints;

/// <summary>The fields the plan and compare requests share, read from the body with an error at their path when they are wrong.</summary>
internal static class RequestFields
{
    /// <summary>The longest solve the API queues: an hour; longer ones belong to a planner's shell.</summary>
    public const double MaxTimeLimitSeconds = 3600;

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
}
