using DeploySim.Engine;

namespace DeploySim.Tests.Engine;

public sealed class DistributionTests
{
    private static double[] Draw(Distribution d, int n, ulong seed = 1)
    {
        var rng = new Xoshiro256(seed);
        var xs = new double[n];
        for (int i = 0; i < n; i++) xs[i] = d.Sample(rng);
        return xs;
    }

    private static double Quantile(double[] xs, double p)
    {
        var sorted = xs.Order().ToArray();
        return sorted[(int)(p * (sorted.Length - 1))];
    }

    [TestCase(30_000, 90_000)]
    [TestCase(5, 6)]
    [TestCase(1, 1)]
    public void LogNormal_ManyDraws_MedianAndP90MatchParameters(double median, double p90)
    {
        var xs = Draw(Distribution.LogNormal(median, p90), 200_000);
        Assert.That(Quantile(xs, 0.5), Is.EqualTo(median).Within(1).Percent);
        Assert.That(Quantile(xs, 0.9), Is.EqualTo(p90).Within(1.5).Percent);
    }

    [Test]
    public void LogNormal_Parameters_RoundTrip()
    {
        var d = Distribution.LogNormal(30, 90);
        Assert.That(d.ParameterA, Is.EqualTo(30).Within(1e-9));
        Assert.That(d.ParameterB, Is.EqualTo(90).Within(1e-9));
    }

    [Test]
    public void Normal_MeanNearZero_NeverNegative()
    {
        var xs = Draw(Distribution.Normal(1, 5), 100_000);
        Assert.That(xs.Min(), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Normal_FarFromZero_MeanAndSdMatch()
    {
        var xs = Draw(Distribution.Normal(100, 10), 100_000);
        double mean = xs.Average();
        double sd = Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1));
        Assert.That(mean, Is.EqualTo(100).Within(0.2));
        Assert.That(sd, Is.EqualTo(10).Within(0.2));
    }

    [Test]
    public void Empirical_Draws_OnlyListedValuesAndAllOfThem()
    {
        double[] values = [1.5, 7, 7, 42];
        var xs = Draw(Distribution.Empirical(values), 10_000);
        Assert.That(xs.Distinct().Order(), Is.EqualTo(new[] { 1.5, 7, 42 }));
        Assert.That(xs.Count(x => x == 7), Is.EqualTo(5_000).Within(300), "repeated values are drawn in proportion");
    }

    [Test]
    public void Exponential_ManyDraws_MeanMatches()
    {
        var xs = Draw(Distribution.Exponential(250), 200_000);
        Assert.That(xs.Average(), Is.EqualTo(250).Within(1).Percent);
        Assert.That(xs.Min(), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Uniform_Draws_StayWithinBounds()
    {
        var xs = Draw(Distribution.Uniform(10, 20), 10_000);
        Assert.That(xs.Min(), Is.GreaterThanOrEqualTo(10));
        Assert.That(xs.Max(), Is.LessThan(20));
        Assert.That(xs.Average(), Is.EqualTo(15).Within(0.2));
    }

    [Test]
    public void Constant_Draws_AlwaysTheValue() =>
        Assert.That(Draw(Distribution.Constant(3.25), 100), Is.All.EqualTo(3.25));

    [Test]
    public void Sample_SameSeed_SameSequence()
    {
        var first = Draw(Distribution.LogNormal(10, 40), 1000, seed: 9);
        var second = Draw(Distribution.LogNormal(10, 40), 1000, seed: 9);
        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase(1.5, 2)]
    [TestCase(2.5, 3)]
    [TestCase(0.4, 0)]
    public void SampleDuration_Constant_RoundsToMilliseconds(double ms, long expected) =>
        Assert.That(Distribution.Constant(ms).SampleDuration(new Xoshiro256(1)).Milliseconds, Is.EqualTo(expected));

    [Test]
    public void SampleDuration_Huge_ClampsToMaxValue() =>
        Assert.That(Distribution.Constant(1e300).SampleDuration(new Xoshiro256(1)), Is.EqualTo(SimDuration.MaxValue));

    [Test]
    public void Factories_InvalidParameters_Throw()
    {
        Assert.Throws<ArgumentException>(() => Distribution.LogNormal(10, 5));
        Assert.Throws<ArgumentException>(() => Distribution.LogNormal(0, 5));
        Assert.Throws<ArgumentException>(() => Distribution.Normal(1, -1));
        Assert.Throws<ArgumentException>(() => Distribution.Uniform(5, 1));
        Assert.Throws<ArgumentException>(() => Distribution.Exponential(0));
        Assert.Throws<ArgumentException>(() => Distribution.Empirical([]));
        Assert.Throws<ArgumentException>(() => Distribution.Constant(double.NaN));
    }
}
