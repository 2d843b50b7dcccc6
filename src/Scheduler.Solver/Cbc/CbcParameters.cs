using System.Globalization;

namespace Scheduler.Solver.Cbc;

/// <summary>Translates <see cref="CbcOptions"/> into CBC command-line parameters.</summary>
/// <remarks>
/// <c>Cbc_setParameter</c> only queues <c>-name value</c> for the parser that runs inside
/// <c>Cbc_solve</c>. A misspelt name is not an error there: CBC prints "No match for ..." to
/// stdout and carries on with its default. The names below are CBC's own (CbcOrClpParam.cpp,
/// where "sec!onds" means "sec" is the shortest accepted prefix), and tests pin each one's effect.
/// </remarks>
internal static class CbcParameters
{
    public const string Seconds = "sec";
    public const string TimeMode = "timeMode";
    public const string RatioGap = "ratioGap";
    public const string Threads = "threads";
    public const string LogLevel = "log";

    public static void Apply(CbcModelHandle model, CbcOptions options)
    {
        Set(model, LogLevel, options.LogLevel.ToString(CultureInfo.InvariantCulture));
        Set(model, Threads, options.Threads.ToString(CultureInfo.InvariantCulture));
        Set(model, RatioGap, options.RelativeGap.ToString("R", CultureInfo.InvariantCulture));

        // CBC measures its limit in process CPU time by default, which counts every thread of
        // this process (CBC's workers and anything .NET runs meanwhile), so a limit would end early.
        Set(model, TimeMode, "elapsed");
        if (options.TimeLimit is { } limit)
        {
            Set(model, Seconds, limit.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static void Set(CbcModelHandle model, string name, string value) =>
        CbcNative.Cbc_setParameter(model, name, value);
}
