using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>A deployment configuration's zonal configuration (CodeDeploy's <c>ZonalConfig</c>, since December 2023;
/// in-place only; docs/model.md#zonal-deployments): one Availability Zone at a time, a wait after each zone, and a
/// minimum of healthy hosts per zone beside the overall one.</summary>
public sealed record ZonalConfig
{
    /// <summary>The wait after the first zone; null: <see cref="MonitorDuration"/>.</summary>
    public SimDuration? FirstZoneMonitorDuration { get; init; }
    /// <summary>The wait after each zone before the next; null: none.</summary>
    public SimDuration? MonitorDuration { get; init; }
    public MinimumHealthyHostsType PerZoneType { get; init; } = MinimumHealthyHostsType.FleetPercent;
    /// <summary>Hosts (HOST_COUNT) or percent of the zone's hosts (FLEET_PERCENT, rounded up) kept healthy; default 0 %.</summary>
    public int PerZoneValue { get; init; }

    /// <summary>The wait after zone number <paramref name="zone"/> (0: the first) of the deployment.</summary>
    public SimDuration WaitAfter(int zone) => (zone == 0 ? FirstZoneMonitorDuration ?? MonitorDuration : MonitorDuration) ?? SimDuration.Zero;

    /// <summary>Healthy hosts a zone of <paramref name="hosts"/> keeps.</summary>
    public int MinimumHealthy(int hosts) => PerZoneType == MinimumHealthyHostsType.HostCount
        ? PerZoneValue
        : (int)Math.Ceiling(PerZoneValue * (long)hosts / 100.0 - 1e-9);
}
