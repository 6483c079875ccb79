using DeploySim.Engine;
using DeploySim.Pipelines;
using DeploySim.Running;
using DeploySim.Scenarios;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>The pipeline lane of one replication: one row per action (top to bottom in stage order), a bar from its
/// start to its end coloured by kind, failed actions outlined in red with a red diamond at their end, unfinished ones
/// drawn to the horizon with a red dashed outline, actions that did not run labelled so. The x axis is the time since
/// the merge; dashed lines mark the merge and the moment every fleet runs the new revision.</summary>
internal static class PipelinePlot
{
    private static readonly Dictionary<PipelineActionKind, Color> s_colours = new()
    {
        [PipelineActionKind.Source] = Color.FromHex("#9467bd"),
        [PipelineActionKind.Approval] = Color.FromHex("#bcbd22"),
        [PipelineActionKind.Wait] = Color.FromHex("#7f7f7f"),
        [PipelineActionKind.Deploy] = Color.FromHex("#1f77b4"),
    };

    public static Plot Create(string title, ScenarioReplication replication, SimDuration mergeAt, SimDuration horizon)
    {
        var merge = SimTime.At(mergeAt);
        var rows = replication.Stages.SelectMany(s => s.Actions.Select(a => (Stage: s.Name, Action: a))).ToList();
        double Since(SimTime t) => (t - merge).TotalSeconds;
        double last = rows.Select(r => r.Action.End is { } e ? Since(e) : r.Action.Start is not null ? (horizon - mergeAt).TotalSeconds : 0)
            .DefaultIfEmpty(0).Max();
        var unit = TimeUnit.For(Math.Max(last, 1));
        var plot = ReportPlotStyle.NewPlot(title, unit.AxisLabel("time since merge"), "stage: action");

        var labels = new List<string>();
        var kinds = new HashSet<PipelineActionKind>();
        bool failed = false, unfinished = false;
        for (int row = 0; row < rows.Count; row++)
        {
            var (stage, a) = rows[row];
            string fleet = a.Fleet is null || a.Fleet == a.Name ? "" : $" → {a.Fleet}";
            labels.Add(a.Status == ActionStatus.NotRun ? $"{stage}: {a.Name}{fleet} (not run)" : $"{stage}: {a.Name}{fleet}");
            if (a.Start is not { } start) continue;
            kinds.Add(a.Kind);
            double x1 = unit.Of(Since(start));
            double x2 = Math.Max(x1, unit.Of(a.End is { } end ? Since(end) : last));
            var rect = plot.Add.Rectangle(x1, x2, row - 0.38, row + 0.38);
            rect.FillStyle.Color = s_colours[a.Kind];
            rect.LineStyle.Color = s_colours[a.Kind].Darken(0.3);
            rect.LineStyle.Width = 0.5f;
            if (a.Status == ActionStatus.Failed)
            {
                failed = true;
                rect.LineStyle.Color = ReportPlotStyle.FailureColor;
                rect.LineStyle.Width = 3;
                plot.Add.Marker(x2, row, MarkerShape.FilledDiamond, 14, ReportPlotStyle.FailureColor);
            }
            else if (a.Status == ActionStatus.Unfinished)
            {
                unfinished = true;
                rect.FillStyle.Color = s_colours[a.Kind].Lighten(0.5);
                rect.LineStyle.Color = ReportPlotStyle.FailureColor;
                rect.LineStyle.Width = 2;
                rect.LineStyle.Pattern = LinePattern.Dashed;
            }
        }

        var mergeLine = plot.Add.VerticalLine(0, 2, ReportPlotStyle.MarkerColor, LinePattern.Dashed);
        mergeLine.LegendText = "merge";
        if (double.IsFinite(replication.MergeToLiveSeconds))
        {
            var live = plot.Add.VerticalLine(unit.Of(replication.MergeToLiveSeconds), 2, ReportPlotStyle.MarkerColor, LinePattern.Dotted);
            live.LegendText = $"every fleet live ({unit.Format(replication.MergeToLiveSeconds)}, decided by {replication.CriticalFleet})";
        }
        foreach (var kind in s_colours.Keys.Where(kinds.Contains))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = JsonReport.KindName(kind), FillColor = s_colours[kind], OutlineColor = s_colours[kind].Darken(0.3) });
        if (failed)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "failed (red outline, ◆ at its end)", FillColor = Colors.White, OutlineColor = ReportPlotStyle.FailureColor, OutlineWidth = 3 });
        if (unfinished)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "unfinished at the horizon", FillColor = Colors.White, OutlineColor = ReportPlotStyle.FailureColor, OutlineWidth = 2 });

        if (labels.Count == 0) ReportPlotStyle.NoData(plot, "the scenario has no pipeline");
        ReportPlotStyle.CategoryTicks(plot.Axes.Left, labels);
        plot.Axes.SetLimits(unit.Of(-0.02 * last), unit.Of(last * 1.04), Math.Max(labels.Count, 1) - 0.5, -0.5);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }
}
