using System.Globalization;
using System.Text;
using System.Text.Json;
using DeploySim.Metrics;

namespace DeploySim.Tests.Import;

/// <summary>Writes a simulated replication's CodeDeploy spans as the JSON of <c>aws deploy batch-get-deployment-targets</c>,
/// one target per instance, with AWS CLI v1 time stamps (epoch seconds) or v2 ones (ISO 8601 with an offset).</summary>
internal static class SyntheticHistory
{
    /// <summary>Epoch seconds of simulated time zero (2018-07-19T14:17:56.123Z).</summary>
    public const double Epoch = 1532009876.123;

    public static string Write(ReplicationDetail detail, string deploymentId, bool iso)
    {
        var start = detail.DeploymentStart ?? throw new InvalidOperationException("the replication ran no deployment");
        var spans = detail.Timeline.Where(s => s.Lane == "CodeDeploy" && s.Start >= start).GroupBy(s => s.Instance).OrderBy(g => g.Key);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("deploymentTargets");
            foreach (var instance in spans)
            {
                string id = string.Create(CultureInfo.InvariantCulture, $"i-0sim{instance.Key:D12}");
                var events = instance.OrderBy(s => s.Start).ToList();
                w.WriteStartObject();
                w.WriteString("deploymentTargetType", "InstanceTarget");
                w.WriteStartObject("instanceTarget");
                w.WriteString("deploymentId", deploymentId);
                w.WriteString("targetId", id);
                w.WriteString("targetArn", $"arn:aws:ec2:us-east-1:123456789012:instance/{id}");
                w.WriteString("status", events.All(e => e.Status == "Succeeded") ? "Succeeded" : "Failed");
                Time(w, "lastUpdatedAt", events[^1].End.TotalSeconds, iso);
                w.WriteStartArray("lifecycleEvents");
                foreach (var e in events)
                {
                    w.WriteStartObject();
                    w.WriteString("lifecycleEventName", e.Name);
                    w.WriteString("status", e.Status.StartsWith("Failed", StringComparison.Ordinal) ? "Failed" : e.Status);
                    Time(w, "startTime", e.Start.TotalSeconds, iso);
                    Time(w, "endTime", e.End.TotalSeconds, iso);
                    w.WriteStartObject("diagnostics");
                    w.WriteString("errorCode", e.Status == "Succeeded" ? "Success" : "ScriptFailed");
                    w.WriteString("scriptName", "");
                    w.WriteString("message", e.Status);
                    w.WriteString("logTail", "");
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Time(Utf8JsonWriter w, string name, double seconds, bool iso)
    {
        double epoch = Epoch + seconds;
        if (!iso)
        {
            w.WriteNumber(name, Math.Round(epoch, 3));
            return;
        }
        long ms = (long)Math.Round(epoch * 1000);
        var t = DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(-7));
        w.WriteString(name, t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
    }
}
