namespace Scheduler.Workbooks.Xlsx;

internal static class Preconditions
{
    public static T NotNull<T>(T? value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
        => value ?? throw new ArgumentNullException(name);
}
