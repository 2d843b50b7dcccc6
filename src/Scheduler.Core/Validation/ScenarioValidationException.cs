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

    private static string Format(string source, ImmutableArray<ScenarioError> errors)
    {
        var text = new StringBuilder(Messages.InvalidScenarioHeader(source, errors.Length));
        foreach (var error in errors)
        {
            text.Append('\n').Append(error);
        }

        return text.ToString();
    }
}
