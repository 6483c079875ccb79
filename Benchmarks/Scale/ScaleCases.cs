using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Benchmarks.Scale;

/// <summary>The rollouts of the scale table (issue 13): what one replication of a fleet of any size does in its hour.</summary>
public enum ScaleCase
{
    /// <summary>No deployment: health checks and traffic only.</summary>
    Steady,
    /// <summary>In-place, minimum healthy hosts 90 % of the fleet (10 % of the instances at a time).</summary>
    InPlaceTenPercent,
    InPlaceOneAtATime,
    InPlaceHalfAtATime,
    BlueGreen,
    GracefulRestart,
    /// <summary>A scale-out of 10 % whose new instances fail their launch deployment (no OpsWorks wait) and are relaunched.</summary>
    LaunchLoop,
    /// <summary>Three zones and a Stopped warm pool of 10 %: a scale-out of 10 % at 10 min takes the pool's instances
    /// (warm starts), a scale-in at 35 min terminates 10 % and the pool refills by launching.</summary>
    WarmPool,
}

/// <summary>Builds the scale table's scenarios from <see cref="ScaleScenarios.Fleet"/>: one or three target groups (all
/// checked every 30 s), the in-place and launch-loop cases with EC2 health checks so that no replacement cuts a rollout short.</summary>
public static class ScaleCases
{
    public static Scenario Build(ScaleCase c, int instances, int targetGroups)
    {
        var baseScenario = ScaleScenarios.Fleet(instances, c == ScaleCase.GracefulRestart ? ScaleRollout.GracefulRestart : ScaleRollout.InPlaceAllAtOnce);
        var groups = Enumerable.Range(0, targetGroups).Select(g => baseScenario.Fleet.TargetGroups[0] with { Name = g == 0 ? "api" : $"api-{g}" }).ToList();
        var s = baseScenario.WithFleet(f => f with { TargetGroups = groups }) with { Name = $"scale-{c}-{instances}-tg{targetGroups}" };
        var d = s.Fleet.Deployment with { TargetGroups = [.. groups.Select(g => g.Name)] };
        return c switch
        {
            ScaleCase.Steady => s.WithFleet(f => f with { Deployment = d with { StartAt = null } }),
            ScaleCase.InPlaceTenPercent => s.WithFleet(f => f with { Deployment = d with { Config = DeploymentConfig.Custom(MinimumHealthyHostsType.FleetPercent, 90) } }),
            ScaleCase.InPlaceOneAtATime => s.WithFleet(f => f with { Deployment = d with { Config = DeploymentConfig.OneAtATime } }),
            ScaleCase.InPlaceHalfAtATime => s.WithFleet(f => f with { Deployment = d with { Config = DeploymentConfig.HalfAtATime } }),
            ScaleCase.BlueGreen => s.WithFleet(f => f with {
                AutoScaling = s.Fleet.AutoScaling with { MaxSize = instances * 2 },
                OpsWorks = new OpsWorksSpec { SetupTime = Distribution.LogNormal(240_000, 360_000) },
                Deployment = d with
                {
                    Strategy = StrategyKind.BlueGreen,
                    Config = DeploymentConfig.Custom(MinimumHealthyHostsType.FleetPercent, 90),
                    BlueGreen = new BlueGreenSpec { TerminationWait = SimDuration.FromMinutes(5) },
                    Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>
                    {
                        [LifecycleEvent.AfterInstall] =
                        [
                            new HookScript { Location = "setup-wait.sh", Action = ScriptAction.WaitForOpsWorks },
                            new HookScript { Location = "start.sh", Action = ScriptAction.StartApplication, Duration = Distribution.Normal(30_000, 5_000) },
                        ],
                    },
                },
            }),
            ScaleCase.GracefulRestart => s,
            ScaleCase.LaunchLoop => s.WithFleet(f => f with {
                AutoScaling = s.Fleet.AutoScaling with
                {
                    MaxSize = instances + (instances / 10),
                    ScheduledActions = [new ScheduledAction { At = SimDuration.FromMinutes(10), DesiredCapacity = instances + (instances / 10) }],
                },
                Deployment = d with { StartAt = null },
            }),
            ScaleCase.WarmPool => s.WithFleet(f => f with {
                AutoScaling = s.Fleet.AutoScaling with
                {
                    MaxSize = instances + (instances / 10),
                    AvailabilityZones = ["a", "b", "c"],
                    WarmPool = new WarmPoolSpec { PoolState = WarmPoolState.Stopped, StartTime = WarmPoolSpec.DefaultStartTime(WarmPoolState.Stopped) },
                    ScheduledActions =
                    [
                        new ScheduledAction { At = SimDuration.FromMinutes(10), DesiredCapacity = instances + (instances / 10) },
                        new ScheduledAction { At = SimDuration.FromMinutes(35), DesiredCapacity = instances },
                    ],
                },
                Deployment = d with { StartAt = null },
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
    }
}
