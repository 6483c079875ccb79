using DeploySim.Engine;
using DeploySim.Import;

namespace DeploySim.Tests.Import;

/// <summary>The fitter: lognormal maximum likelihood, the empirical fallback and its threshold, the KS figures.</summary>
public sealed class DurationFitTests
{
    private static double[] LogNormalSample(int n, double mu, double sigma, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        return [.. Enumerable.Range(0, n).Select(_ => MathNet.Numerics.Distributions.LogNormal.Sample(rng, mu, sigma))];
    }

    [Test]
    public void Fit_LognormalSample_IsTheClosedFormMaximumLikelihood()
    {
        var x = LogNormalSample(200, Math.Log(30), 0.4, 11);
        var fit = DurationFit.Fit(x);
        var logs = x.Select(v => Math.Log(v)).ToArray();
        double mu = logs.Average();
        double sigma = Math.Sqrt(logs.Sum(l => (l - mu) * (l - mu)) / logs.Length);
        Assert.Multiple(() =>
        {
            Assert.That(fit.Model, Is.EqualTo(FitModel.LogNormal));
            Assert.That(fit.Mu, Is.EqualTo(mu).Within(1e-12));
            Assert.That(fit.Sigma, Is.EqualTo(sigma).Within(1e-12), "the MLE divides by n, not n - 1");
            Assert.That(fit.KsPValue, Is.GreaterThan(0.05));
            Assert.That(fit.ToDistribution().LogParameters.Mu, Is.EqualTo(mu + Math.Log(1000)).Within(1e-12), "the scenario takes milliseconds");
        });
    }

    [Test]
    public void Fit_FewerThanThreshold_UsesTheObservations()
    {
        var x = LogNormalSample(DurationFit.MinPointsForLogNormal - 1, 1, 0.3, 5);
        var fit = DurationFit.Fit(x);
        Assert.Multiple(() =>
        {
            Assert.That(fit.Model, Is.EqualTo(FitModel.Empirical));
            Assert.That(fit.Reason, Does.Contain($"fewer than {DurationFit.MinPointsForLogNormal}"));
            Assert.That(double.IsFinite(fit.KsStatistic), Is.True, "the lognormal's goodness of fit is still reported");
            Assert.That(fit.ToDistribution().Values, Has.Count.EqualTo(x.Length));
        });
        Assert.That(DurationFit.Fit(LogNormalSample(DurationFit.MinPointsForLogNormal, 1, 0.3, 5)).Model, Is.EqualTo(FitModel.LogNormal));
    }

    [Test]
    public void Fit_BimodalSample_RejectsTheLognormal()
    {
        var x = LogNormalSample(150, Math.Log(5), 0.05, 1).Concat(LogNormalSample(150, Math.Log(300), 0.05, 2)).ToArray();
        var fit = DurationFit.Fit(x);
        Assert.Multiple(() =>
        {
            Assert.That(fit.Model, Is.EqualTo(FitModel.Empirical));
            Assert.That(fit.Reason, Does.StartWith("lognormal rejected"));
            Assert.That(fit.KsPValue, Is.LessThan(DurationFit.RejectPValue));
        });
    }

    [Test]
    public void Fit_AllEqual_IsConstant_AndZeroDurationsAreEmpirical()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DurationFit.Fit([2.5, 2.5, 2.5]).ToDistribution().Kind, Is.EqualTo(DistributionKind.Constant));
            Assert.That(DurationFit.Fit(Enumerable.Range(0, 30).Select(i => i * 0.1).ToArray()).Model, Is.EqualTo(FitModel.Empirical));
        });
    }

    [Test]
    public void KolmogorovPValue_KnownValues()
    {
        Assert.Multiple(() =>
        {
            // Q_KS(1.36) ≈ 0.0494 and Q_KS(1.63) ≈ 0.0098 (the 5 % and 1 % critical values); large n so the correction is negligible.
            Assert.That(DurationFit.KolmogorovPValue(1.36 / Math.Sqrt(1e8), 100_000_000), Is.EqualTo(0.0494).Within(0.0005));
            Assert.That(DurationFit.KolmogorovPValue(1.63 / Math.Sqrt(1e8), 100_000_000), Is.EqualTo(0.0098).Within(0.0003));
            Assert.That(DurationFit.KolmogorovPValue(0.001, 10), Is.EqualTo(1));
        });
    }

    [Test]
    public void KsDistance_TwoSamples_IsTheLargestGapBetweenTheirCdfs()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DurationFit.KsDistance([1.0, 2, 3], [1.0, 2, 3]), Is.Zero);
            Assert.That(DurationFit.KsDistance([1.0, 2], [3.0, 4]), Is.EqualTo(1));
            Assert.That(DurationFit.KsDistance([1.0, 2, 3, 4], [2.5]), Is.EqualTo(0.5));
        });
    }
}
