using FsCheck;
using FsCheck.Fluent;
using Scheduler.Solver.CpSat;

namespace Scheduler.Solver.Tests.CpSat;

public class ObjectiveScaleTests
{
    [Test]
    public void Scale_AnyCoefficientsAndAssignment_ScaledObjectiveIsNeverBelowTheExactOne()
    {
        var cases = from coefficients in Gen.ArrayOf(Gen.Choose(-1_000_000, 10_000_000).Select(c => c / 997.0)).Where(c => c.Length > 0)
                    from bits in Gen.ArrayOf(Gen.Elements(0L, 1L, 3L), coefficients.Length)
                    from offset in Gen.Choose(-1000, 1000).Select(o => o / 7.0)
                    select (coefficients, bits, offset);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (coefficients, values, offset) = c;
            var scale = ObjectiveScale.For(coefficients, [.. values.Select(_ => 3L)], offset);
            var exact = offset + coefficients.Zip(values).Sum(p => p.First * p.Second);
            var scaled = scale.ToExact(coefficients.Zip(values).Sum(p => (double)(scale.Scale(p.First) * p.Second)));
            return scaled >= exact - (1e-12 * Math.Max(1, Math.Abs(exact)))
                && scaled - exact <= (coefficients.Length * 3 / scale.Factor) + 1e-9;
        }));
    }

    [Test]
    public void For_LargestCoefficient_IsScaledByAPowerOfTwoToAboutABillion()
    {
        var scale = ObjectiveScale.For([123.456, -0.5, 7], [1, 1, 1], 0);

        Assert.Multiple(() =>
        {
            Assert.That(Math.Log2(scale.Factor), Is.EqualTo(Math.Round(Math.Log2(scale.Factor))));
            Assert.That(123.456 * scale.Factor, Is.InRange(5e8, 1e9));
        });
    }
}
