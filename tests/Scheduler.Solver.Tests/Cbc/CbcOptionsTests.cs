using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class CbcOptionsTests
{
    [Test]
    public void Defaults_UseEveryProcessorNoLimitAndSilentLog()
    {
        var options = new CbcOptions();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.Threads, Is.EqualTo(Environment.ProcessorCount));
            Assert.That(options.TimeLimit, Is.Null);
            Assert.That(options.LogLevel, Is.Zero);
            Assert.That(options.RelativeGap, Is.EqualTo(1e-4));
            Assert.That(options.MipStart, Is.Null);
        }
    }

    [Test]
    public void TimeLimit_Zero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CbcOptions { TimeLimit = TimeSpan.Zero });

    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void RelativeGap_NegativeOrNaN_Throws(double gap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CbcOptions { RelativeGap = gap });

    [Test]
    public void Threads_Zero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CbcOptions { Threads = 0 });
}
