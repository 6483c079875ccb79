namespace DeploySim.Scenarios;

// A bad revision and the team's recovery from it (deployment.badRevision, deployment.recovery).
internal static partial class ScenarioMapper
{
    /// <summary><c>badRevision: {validateServiceFailureRate, requestFailureRate, detectionDelay}</c>; null when absent
    /// (the revision is good). Both rates are probabilities from 0 to 1.</summary>
    private static BadRevisionSpec? BadRevision(ObjectReader? r)
    {
        if (r is null) return null;
        var d = new BadRevisionSpec();
        return new BadRevisionSpec
        {
            ValidateServiceFailureRate = r.Rate("validateServiceFailureRate", d.ValidateServiceFailureRate),
            RequestFailureRate = r.Rate("requestFailureRate", d.RequestFailureRate),
            DetectionDelay = r.Distribution("detectionDelay", d.DetectionDelay),
        };
    }

    /// <summary><c>alarm: {metric, threshold, period, evaluationPeriods, datapointsToAlarm, publishLag, pollLag,
    /// targetGroup}</c> (docs/model.md#alarms); null when absent. The threshold is required; the period is 10, 20, 30 s or
    /// a multiple of 60 s; datapointsToAlarm (default: evaluationPeriods) is at most evaluationPeriods. The target group is
    /// one of the fleet's.</summary>
    private static AlarmSpec? Alarm(ObjectReader? r, List<TargetGroupSpec> declared)
    {
        if (r is null) return null;
        var d = new AlarmSpec();
        var metric = r.Keyword("metric", d.Metric, ScenarioFormat.AlarmMetric);
        if (r.Get("threshold") is null) r.Missing("threshold");
        string? group = r.Text("targetGroup");
        var names = declared.Select(t => t.Name).ToList();
        if (group is not null && !names.Contains(group))
            r.Error("targetGroup", $"'{group}' is not a target group of this fleet{DidYouMean.Hint(group, names)}");
        double threshold = metric == AlarmMetric.ErrorRate ? r.Rate("threshold", 0) : r.Number("threshold", 0, 0, 1e15, "must be zero or more");
        var period = r.Duration("period", d.Period, DurationRange.Positive);
        long ms = period.Milliseconds;
        if (ms is not (10_000 or 20_000 or 30_000) && ms % 60_000 != 0)
            r.Error("period", $"CloudWatch takes a period of 10s, 20s, 30s or a multiple of 60s, not {period}");
        int n = r.Int("evaluationPeriods", d.EvaluationPeriods, 1, 10_000);
        int m = r.Int("datapointsToAlarm", n, 1, 10_000);
        if (m > n) r.Error("datapointsToAlarm", $"datapointsToAlarm ({m}) is more than evaluationPeriods ({n})");
        return new AlarmSpec
        {
            Metric = metric,
            Threshold = threshold,
            Period = period,
            EvaluationPeriods = n,
            DatapointsToAlarm = m,
            PublishLag = r.Duration("publishLag", d.PublishLag, DurationRange.Any),
            PollLag = r.Duration("pollLag", d.PollLag, DurationRange.Any),
            TargetGroup = group,
        };
    }

    /// <summary><c>recovery: {revertLeadTime, rerouteBackDelay, rollbackDelay}</c>, each a duration distribution.
    /// In a pipeline scenario <c>revertLeadTime</c> is the revert commit alone (default 0): the pipeline adds its stages
    /// (see <see cref="WithPipelineDeployment"/>).</summary>
    private static RecoverySpec Recovery(ObjectReader? r)
    {
        var d = new RecoverySpec();
        if (r is null) return d;
        return new RecoverySpec
        {
            RevertLeadTime = r.Distribution("revertLeadTime", d.RevertLeadTime),
            RerouteBackDelay = r.Distribution("rerouteBackDelay", d.RerouteBackDelay),
            RollbackDelay = r.Distribution("rollbackDelay", d.RollbackDelay),
        };
    }
}
