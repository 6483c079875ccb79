using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>What a deployment alarm watches (docs/model.md#alarms).</summary>
public enum AlarmMetric
{
    /// <summary>ALB's <c>HTTPCode_Target_5XX_Count</c>, Sum per period: the target group's failed requests.</summary>
    Target5xxCount,
    /// <summary>Metric math <c>HTTPCode_Target_5XX_Count / RequestCount</c> per period: the group's failed fraction.</summary>
    ErrorRate,
}

/// <summary>A CloudWatch-style alarm over a target group's 5xx count or error rate, attached to the deployment
/// (CodeDeploy's alarm configuration; for Capistrano, the team's pager) (docs/model.md#alarms).</summary>
/// <remarks>Datapoints cover aligned periods; one breaches when its value is at or above the threshold; the alarm
/// fires when <see cref="DatapointsToAlarm"/> of the last <see cref="EvaluationPeriods"/> breach, evaluated once a
/// minute (every 10 s for periods under a minute) once each datapoint is published. The deployment notices
/// <see cref="PollLag"/> later. Publish and poll lags are assumptions: AWS documents neither.</remarks>
public sealed record AlarmSpec
{
    public AlarmMetric Metric { get; init; } = AlarmMetric.Target5xxCount;
    /// <summary>Requests per period (count) or a fraction from 0 to 1 (error rate).</summary>
    public double Threshold { get; init; }
    /// <summary>10, 20, 30 s or a multiple of 60 s; ALB metrics come in 60 s intervals.</summary>
    public SimDuration Period { get; init; } = SimDuration.FromSeconds(60);
    public int EvaluationPeriods { get; init; } = 1;
    /// <summary>M of the last N datapoints; defaults to <see cref="EvaluationPeriods"/>.</summary>
    public int DatapointsToAlarm { get; init; } = 1;
    /// <summary>From a period's end until its datapoint is visible to the alarm (assumption: CloudWatch ingestion).</summary>
    public SimDuration PublishLag { get; init; } = SimDuration.FromSeconds(60);
    /// <summary>From the alarm's ALARM state until the deployment (or the team) acts on it (assumption: CodeDeploy's polling).</summary>
    public SimDuration PollLag { get; init; } = SimDuration.FromSeconds(30);
    /// <summary>The target group whose metric is watched; null: the deployment's first managed group (or the first group).</summary>
    public string? TargetGroup { get; init; }

    /// <summary>How often the alarm is evaluated: every minute, every 10 s for periods under a minute.</summary>
    public SimDuration EvaluationInterval => Period.Milliseconds < 60_000 ? SimDuration.FromSeconds(10) : SimDuration.FromSeconds(60);
}
