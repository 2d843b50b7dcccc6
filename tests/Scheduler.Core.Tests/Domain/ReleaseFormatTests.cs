using Scheduler.Core.Domain;
using Scheduler.Core.Tests.Support;

namespace Scheduler.Core.Tests.Domain;

/// <summary>A release format and a title that offers several: the title stands in one, with that format's drops, interval and factor.</summary>
public class ReleaseFormatTests
{
    private static readonly ReleaseFormat Binge = FormatPlans.Binge, Weekly = FormatPlans.Weekly, TwoParts = FormatPlans.TwoParts;

    private static Title Offering(params ReleaseFormat[] formats)
        => new(Scenarios.LoadScenario(Scenarios.Minimal()).TitlesById["a"].ToSpec() with { Formats = formats });

    [Test]
    public void Title_WithFormats_StandsInTheFirstUntilAnotherIsChosen()
    {
        var title = Offering(Binge, Weekly, TwoParts);
        var weekly = title.InFormat("weekly");

        Assert.Multiple(() =>
        {
            Assert.That((title.Format, title.Drops, title.DropIntervalDays, title.ValueFactor), Is.EqualTo(("binge", 1, 7, 1.0)));
            Assert.That((weekly.Format, weekly.Drops, weekly.DropIntervalDays, weekly.ValueFactor), Is.EqualTo(("weekly", 6, 7, 1.08)));
            Assert.That(weekly.Formats.Select(f => f.Id), Is.EqualTo(new[] { "binge", "weekly", "two-parts" }));
            Assert.That(weekly.InFormat("two-parts").LastDropOffsetDays, Is.EqualTo(28));
            Assert.That(title.InFormat("binge"), Is.SameAs(title));
        });
    }

    [Test]
    public void Title_WithoutFormats_HasNoneAndAFactorOfOne()
    {
        var title = Offering();

        Assert.That((title.Format, title.Formats.IsEmpty, title.ValueFactor), Is.EqualTo(((string?)null, true, 1.0)));
    }

    [Test]
    public void Title_InvalidFormats_AreRefused()
    {
        var spec = Offering().ToSpec();

        Assert.Multiple(() =>
        {
            Assert.That(() => new Title(spec with { Formats = [Binge, new ReleaseFormat("binge", 2, 7, 1)] }), Throws.ArgumentException.With.Message.Contains("unique"));
            Assert.That(() => new Title(spec with { Formats = [.. Enumerable.Range(0, 9).Select(i => new ReleaseFormat($"f{i}", 1, 7, 1))] }), Throws.ArgumentException.With.Message.Contains("at most 8"));
            Assert.That(() => new Title(spec with { Formats = [Binge], Format = "weekly" }), Throws.ArgumentException.With.Message.Contains("one of the title's"));
            Assert.That(() => new Title(spec with { Format = "binge" }), Throws.ArgumentException.With.Message.Contains("without formats"));
        });
    }

    [Test]
    public void ReleaseFormat_OutOfRange_IsRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new ReleaseFormat("Weekly", 6, 7, 1), Throws.ArgumentException);
            Assert.That(() => new ReleaseFormat("w", 0, 7, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new ReleaseFormat("w", 53, 7, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new ReleaseFormat("w", 2, 367, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new ReleaseFormat("w", 2, 7, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new ReleaseFormat("w", 2, 7, double.PositiveInfinity), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
