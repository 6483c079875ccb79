using DeploySim.Reporting.Plots;

namespace DeploySim.Tests.Reporting;

public sealed class PlotTests
{
    [Test]
    public void NumberSvgIds_CounterDependentClipIds_AreRenumberedInOrderOfAppearance()
    {
        const string svg = "<clipPath id=\"cl_3a\"/><g clip-path=\"url(#cl_3a)\"/><clipPath id=\"cl_f\"/><g clip-path=\"url(#cl_f)\"/><text>cl_3a</text>";

        var numbered = PlotFiles.NumberSvgIds(svg);

        Assert.That(numbered, Is.EqualTo("<clipPath id=\"cl_0\"/><g clip-path=\"url(#cl_0)\"/><clipPath id=\"cl_1\"/><g clip-path=\"url(#cl_1)\"/><text>cl_3a</text>"));
    }

    [Test]
    public void TimeUnit_For_PicksSecondsMinutesOrHours()
    {
        Assert.That(TimeUnit.For(120).Name, Is.EqualTo("s"));
        Assert.That(TimeUnit.For(2 * 3600).Name, Is.EqualTo("min"));
        Assert.That(TimeUnit.For(12 * 3600).Name, Is.EqualTo("h"));
    }
}
