using DeploySim.Reporting.Plots;

namespace DeploySim.Tests.Reporting;

public sealed class PlotTests
{
    [Test]
    public void Timeline_HugeFleet_DrawsAtMostMaxRowsAndSaysSoInTheTitle()
    {
        var detail = ReportFixtures.Detail(instances: 200, withFailure: false, stretch: 0.05);

        using var plot = TimelinePlot.Create("Instance timeline", detail);

        Assert.That(plot.Axes.Title.Label.Text, Is.EqualTo("Instance timeline (first 20 of 200 instances)"), "two lanes per instance");
        var rows = plot.GetPlottables<ScottPlot.Plottables.Rectangle>().Select(r => Math.Round((r.Y1 + r.Y2) / 2)).Distinct().Count();
        Assert.That(rows, Is.EqualTo(TimelinePlot.MaxRows));
    }

    [Test]
    public void Timeline_SmallFleet_TitleUnchangedAndFailedSpanOutlinedInRed()
    {
        var detail = ReportFixtures.Detail(instances: 4, withFailure: true);

        using var plot = TimelinePlot.Create("Instance timeline", detail);

        Assert.That(plot.Axes.Title.Label.Text, Is.EqualTo("Instance timeline"));
        Assert.That(plot.GetPlottables<ScottPlot.Plottables.Rectangle>().Count(r => r.LineStyle.Color == ReportPlotStyle.FailureColor), Is.EqualTo(1));
        var legend = plot.Legend.ManualItems.Select(i => i.LabelText).ToList();
        Assert.That(legend, Has.Some.StartsWith("failed"));
        Assert.That(legend, Does.Contain("AllowTraffic").And.Contain("InService"));
        Assert.That(legend.IndexOf("BlockTraffic"), Is.LessThan(legend.IndexOf("AllowTraffic")), "lifecycle order");
    }

    [Test]
    public void Memory_HugeFleet_DrawsAtMostMaxLinesAndSaysSoInTheTitle()
    {
        var detail = ReportFixtures.Detail(instances: 200, withFailure: false, stretch: 0.05);

        using var plot = MemoryPlot.Create("Memory per instance", detail);

        Assert.That(plot.Axes.Title.Label.Text, Is.EqualTo($"Memory per instance ({MemoryPlot.MaxLines} of 200 instances: highest peaks)"));
        Assert.That(plot.GetPlottables<ScottPlot.Plottables.Scatter>().Count(), Is.EqualTo(MemoryPlot.MaxLines + 1), "per instance plus the fleet max");
    }

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
