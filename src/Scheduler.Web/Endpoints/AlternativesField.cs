using System.Globalization;
using System.Text.Json;
using Scheduler.Solver.Planning;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>alternatives</c> of <c>POST /api/runs</c>: optional; a whole number K (the other settings their
/// defaults), or <c>{"count": K, "within": F, "minDifference": N}</c> as <c>plan --alternatives</c>
/// takes them (docs/http-api.md).
/// </summary>
internal static class AlternativesField
{
    private const string Path = "$.alternatives";

    public static AlternativeOptions? Read(JsonElement body, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!body.TryGetProperty("alternatives", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number)
        {
            return Count(element, Path, errors) is { } count ? new AlternativeOptions(count) : null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(Path, "must be a number of alternatives or an object with count, within and minDifference"));
            return null;
        }

        var before = errors.Count;
        RequestFields.Unknown(element, errors, "count", "within", "minDifference");
        for (var i = before; i < errors.Count; i++)
        {
            errors[i] = errors[i] with { Path = Path + errors[i].Path[1..] };
        }

        int? found = element.TryGetProperty("count", out var countElement) ? Count(countElement, Path + ".count", errors) : Required(errors);
        var within = AlternativeOptions.DefaultWithin;
        if (element.TryGetProperty("within", out var withinElement) && withinElement.ValueKind != JsonValueKind.Null)
        {
            if (withinElement.ValueKind == JsonValueKind.Number && withinElement.GetDouble() is >= 0 and <= 1)
            {
                within = withinElement.GetDouble();
            }
            else
            {
                errors.Add(new FieldError(Path + ".within", "must be a fraction of the best plan's objective from 0 to 1 (0.005 is 0.5%)"));
            }
        }

        var minDifference = AlternativeOptions.DefaultMinDifference;
        if (element.TryGetProperty("minDifference", out var differenceElement) && differenceElement.ValueKind != JsonValueKind.Null)
        {
            if (differenceElement.ValueKind == JsonValueKind.Number && differenceElement.TryGetInt32(out var titles) && titles >= 1)
            {
                minDifference = titles;
            }
            else
            {
                errors.Add(new FieldError(Path + ".minDifference", "must be a whole number of titles, at least 1"));
            }
        }

        return errors.Count == before && found is { } k ? new AlternativeOptions(k, within, minDifference) : null;
    }

    private static int? Required(List<FieldError> errors)
    {
        errors.Add(new FieldError(Path + ".count", string.Create(CultureInfo.InvariantCulture, $"required: how many alternatives to look for (1 to {AlternativeOptions.MaxCount})")));
        return null;
    }

    private static int? Count(JsonElement element, string path, List<FieldError> errors)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var count) && count is >= 1 and <= AlternativeOptions.MaxCount)
        {
            return count;
        }

        errors.Add(new FieldError(path, string.Create(CultureInfo.InvariantCulture, $"must be a whole number of alternatives from 1 to {AlternativeOptions.MaxCount}")));
        return null;
    }
}
