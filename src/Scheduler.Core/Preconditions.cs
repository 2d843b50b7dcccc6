using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Scheduler.Core;

/// <summary>
/// Guards for domain constructors. The scenario reader reports every problem to the user before
/// it builds anything, so a failing guard here means a bug in a caller, not bad input.
/// </summary>
internal static class Preconditions
{
    internal static T CheckNotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
        => value ?? throw new ArgumentNullException(name);

    internal static string CheckId(string? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        CheckNotNull(value, name);
        if (!Ids.IsValid(value))
        {
            throw new ArgumentException($"'{value}' is not a valid id.", name);
        }

        return value;
    }

    internal static double CheckFinite(double value, double min, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value) || value < min)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected a finite number >= {min}.");
        }

        return value;
    }

    internal static double CheckPositive(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Expected a finite number > 0.");
        }

        return value;
    }

    internal static int CheckAtLeast(int value, int min, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected at least {min}.");
        }

        return value;
    }

    internal static int CheckInRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected {min} to {max}.");
        }

        return value;
    }

    internal static void CheckArgument(bool condition, string message, [CallerArgumentExpression(nameof(condition))] string? name = null)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }
}
