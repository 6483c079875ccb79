using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>A bad revision: it fails ValidateService on a fraction of instances, or passes validation but makes a fraction
/// of the requests it serves fail; an alarm detects the latter after a delay.</summary>
public sealed record BadRevisionSpec
{
    public double ValidateServiceFailureRate { get; init; }
    public double RequestFailureRate { get; init; }
    /// <summary>From the first request the bad revision serves until the alarm fires (assumption: CloudWatch alarm period and evaluation).</summary>
    public Distribution DetectionDelay { get; init; } = Distribution.Constant(300_000);
}
