using System.Globalization;
using static DeploySim.Import.ScenarioImporter;

namespace DeploySim.Import;

// The deployment group's alarms (alarmConfiguration, with their definitions from describe-alarms) and the automatic
// rollback on an alarm (autoRollbackConfiguration DEPLOYMENT_STOP_ON_ALARM): deployment.alarm and deployment.recovery
// (docs/model.md#alarms, docs/model.md#bad-revisions-and-recovery).
internal sealed partial class ImportContext
{
    private const string StopOnAlarm = "DEPLOYMENT_STOP_ON_ALARM";

    private void Alarm(YamlLines y, List<string> declared, bool blueGreen)
    {
        var g = _group;
        if (g is null) return;
        bool rollbackOnAlarm = g.AutoRollback && g.AutoRollbackEvents.Contains(StopOnAlarm);
        if (!g.AlarmsEnabled || g.AlarmNames.Count == 0)
        {
            Note(g.AlarmsEnabled
                ? "alarmConfiguration is enabled but names no alarm: no deployment.alarm written"
                : "the deployment group watches no alarm (alarmConfiguration disabled or absent): no deployment.alarm, so a bad revision is noticed after badRevision.detectionDelay");
            if (rollbackOnAlarm) Note($"autoRollbackConfiguration names {StopOnAlarm}, but no alarm is enabled: nothing rolls back on an alarm");
            return;
        }
        string names = string.Join(", ", g.AlarmNames);
        if (_alarms is null)
        {
            Note($"the deployment group watches alarm{(g.AlarmNames.Count == 1 ? "" : "s")} {names}, whose definitions are not in the inputs: give --alarms "
                + $"(the output of 'aws cloudwatch describe-alarms --alarm-names {string.Join(" ", g.AlarmNames)}') to import {(g.AlarmNames.Count == 1 ? "it" : "them")}; no deployment.alarm written");
            return;
        }
        MetricAlarmOutput? chosen = null;
        foreach (var name in g.AlarmNames)
        {
            var a = _alarms.FirstOrDefault(x => x.Name == name);
            if (a is null) Note($"alarm {name} of the deployment group is not in --alarms");
            else if (Unmodelled(a, declared) is { } why) Note($"alarm {name} is not modelled: {why}");
            else if (chosen is null) chosen = a;
            else Note($"alarm {name} is left out: DeploySim models one alarm per deployment ({chosen.Name})");
        }
        if (chosen is null) return;
        WriteAlarm(y, chosen);
        Recovery(y, rollbackOnAlarm, blueGreen);
    }

    /// <summary>Why the alarm does not fit the model's (a target group's 5XX count, Sum, at or above a threshold), or null.</summary>
    private static string? Unmodelled(MetricAlarmOutput a, List<string> declared)
    {
        bool alb = a is { Namespace: "AWS/ApplicationELB", MetricName: "HTTPCode_Target_5XX_Count" };
        bool classic = a is { Namespace: "AWS/ELB", MetricName: "HTTPCode_Backend_5XX" };
        if (!alb && !classic)
            return a.MetricName is null ? "a metric-math alarm" : $"it watches {a.Namespace} {a.MetricName}; DeploySim's alarm watches a load balancer's 5XX count";
        if (a.Statistic != "Sum") return $"statistic {a.Statistic ?? "(none)"}; DeploySim sums the 5XX count per period";
        if (a.ComparisonOperator is not ("GreaterThanOrEqualToThreshold" or "GreaterThanThreshold")) return $"comparison {a.ComparisonOperator ?? "(none)"}";
        if (a.Threshold is null || a.Period is null) return "no Threshold or Period";
        if (a.Period is not (10 or 20 or 30) && a.Period % 60 != 0) return $"period {a.Period} s (CloudWatch takes 10, 20, 30 or a multiple of 60)";
        if (a.DatapointsToAlarm > (a.EvaluationPeriods ?? 1)) return "DatapointsToAlarm above EvaluationPeriods";
        string? group = GroupOf(a);
        if (group is null) return "it names no TargetGroup (or LoadBalancerName) dimension";
        if (!declared.Contains(group)) return $"it watches {group}, which is not a target group of the fleet";
        return null;
    }

    /// <summary>The watched group: <c>targetgroup/NAME/id</c> of the TargetGroup dimension, or the Classic load balancer's name.</summary>
    private static string? GroupOf(MetricAlarmOutput a)
    {
        if (a.TargetGroup is { } tg)
        {
            var parts = tg.Split('/');
            return parts.Length >= 2 && parts[0] == "targetgroup" ? parts[1] : tg;
        }
        return a.Namespace == "AWS/ELB" ? a.LoadBalancer : null;
    }

    private void WriteAlarm(YamlLines y, MetricAlarmOutput a)
    {
        var d = new Scenarios.AlarmSpec();
        // Counts are whole numbers: "> T" breaches from floor(T) + 1, the model's "at or above".
        double threshold = a.ComparisonOperator == "GreaterThanThreshold" ? Math.Floor(a.Threshold!.Value) + 1 : Math.Ceiling(a.Threshold!.Value);
        y.Key(_i + 2, "alarm", comment: $"alarm {a.Name} (--alarms)");
        y.Key(_i + 4, "metric", "HTTPCode_Target_5XX_Count", $"{a.Namespace} {a.MetricName}, Sum");
        y.Key(_i + 4, "threshold", YamlText.Number(threshold), a.ComparisonOperator == "GreaterThanThreshold"
            ? string.Create(CultureInfo.InvariantCulture, $"GreaterThanThreshold {a.Threshold}: a count above it is at or above {threshold}")
            : a.Threshold == threshold ? "Threshold" : string.Create(CultureInfo.InvariantCulture, $"Threshold {a.Threshold}, rounded up: counts are whole"));
        y.Key(_i + 4, "period", YamlText.Seconds(a.Period!.Value), "Period");
        y.Key(_i + 4, "evaluationPeriods", YamlText.Int(a.EvaluationPeriods ?? 1), a.EvaluationPeriods is null ? Default : "EvaluationPeriods");
        y.Key(_i + 4, "datapointsToAlarm", YamlText.Int(a.DatapointsToAlarm ?? a.EvaluationPeriods ?? 1), a.DatapointsToAlarm is null ? "default: EvaluationPeriods" : "DatapointsToAlarm");
        y.Key(_i + 4, "targetGroup", YamlText.Str(GroupOf(a)!), a.TargetGroup is null ? "LoadBalancerName dimension" : "TargetGroup dimension");
        y.Key(_i + 4, "publishLag", YamlText.Duration(d.PublishLag), Default + " (an assumption: CloudWatch's ingestion lag is undocumented)");
        y.Key(_i + 4, "pollLag", YamlText.Duration(d.PollLag), Default + " (an assumption: CodeDeploy's alarm polling is undocumented)");
    }

    /// <summary>With DEPLOYMENT_STOP_ON_ALARM CodeDeploy rolls back by itself as soon as the alarm stops the deployment:
    /// no revert lead time, no wait to reroute back. Without it the team reverts: the model's defaults, said so.</summary>
    private void Recovery(YamlLines y, bool rollbackOnAlarm, bool blueGreen)
    {
        var d = new Scenarios.RecoverySpec();
        y.Key(_i + 2, "recovery", comment: rollbackOnAlarm
            ? $"autoRollbackConfiguration {StopOnAlarm}: CodeDeploy rolls back as soon as the alarm stops the deployment"
            : $"no {StopOnAlarm}: the alarm stops the deployment and the team recovers");
        string why = rollbackOnAlarm ? StopOnAlarm : Default + " (an assumption: how long the team takes)";
        if (blueGreen) y.Key(_i + 4, "rerouteBackDelay", rollbackOnAlarm ? "0s" : YamlText.Distribution(d.RerouteBackDelay), why);
        else y.Key(_i + 4, "revertLeadTime", rollbackOnAlarm ? "0s" : YamlText.Distribution(d.RevertLeadTime), why);
        if (!rollbackOnAlarm) Note($"alarm rollback: autoRollbackConfiguration has no {StopOnAlarm}, so recovery after an alarm is the team's ({(blueGreen ? "rerouteBackDelay" : "revertLeadTime")}, a default)");
    }
}
