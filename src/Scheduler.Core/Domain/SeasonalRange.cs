using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>
/// A recurring range of days with a demand index. Both ends are inclusive; the range may wrap the
/// new year (<c>12-18</c> to <c>01-03</c>). A range ending 02-28 also covers Feb 29, so that a
/// range written for ordinary years keeps its meaning in leap years.
/// </summary>
public sealed class SeasonalRange
{
    public SeasonalRange(AnnualDate from, AnnualDate to, double index)
    {
        Preconditions.CheckArgument(!IsLeapDay(from), "A seasonal range cannot start on 02-29.");
        From = from;
        To = to;
        Index = Preconditions.CheckFinite(index, 0);
    }

    public AnnualDate From { get; }

    public AnnualDate To { get; }

    public double Index { get; }

    public bool Contains(LocalDate date)
    {
        var day = new AnnualDate(date.Month, date.Day);
        return ContainsDay(day) || (IsLeapDay(day) && To == new AnnualDate(2, 28));
    }

    private bool ContainsDay(AnnualDate day) => From <= To
        ? From <= day && day <= To
        : day >= From || day <= To;

    private static bool IsLeapDay(AnnualDate day) => day.Month == 2 && day.Day == 29;

    public override string ToString() => $"{From:MM-dd}..{To:MM-dd} x{Index}";
}
