using System.Collections.Immutable;
using System.Text;

namespace Scheduler.Core.Validation;

/// <summary>
/// Thrown once with every problem found in a scenario: a header naming the source, then one line
/// per error.
/// </summary>
public sealed class ScenarioValidationException : Exception
{
    public ScenarioValidationException(string source, IEnumerable<ScenarioError> errors)
        : this(source, [.. errors ?? throw new ArgumentNullException(nameof(errors))])
    {
    }

    private ScenarioValidationException(string source, ImmutableArray<ScenarioError> errors)
        : base(Format(source, errors))
    {
        ScenarioSource = source;
        Errors = errors;
    }

    public ScenarioValidationException()
        : this("scenario", [])
    {
    }

    public ScenarioValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ScenarioValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>The file or name the errors were found in.</summary>
    public string ScenarioSource { get; } = "scenario";

    public ImmutableArray<ScenarioError> Errors { get; }

    /// <summary>
    /// The header and every error, one per line, as a front end shows them: with
    /// <paramref name="requestedVariant"/> naming the place its user chose a variant (see <see cref="ErrorPath.Render"/>).
    /// </summary>
    public string Describe(string requestedVariant) => Format(ScenarioSource, Errors, requestedVariant);

    private static string Format(string source, ImmutableArray<ScenarioError> errors, string? requestedVariant = null)
    {
        var text = new StringBuilder(Messages.InvalidScenarioHeader(source, errors.Length));
        foreach (var error in errors)
        {
            text.Append('\n').Append(requestedVariant is null ? error.ToString() : error.Render(requestedVariant));
        }

        return text.ToString();
    }
}
