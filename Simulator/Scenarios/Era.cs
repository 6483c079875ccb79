namespace DeploySim.Scenarios;

/// <summary>Which AWS a scenario models: the one of the source article (2018) or today's (docs/model.md#aws-eras).</summary>
public enum Era { Y2018, Current }

/// <summary>The defaults and limits each <see cref="Era"/> sets for the behaviours AWS changed since 2018
/// (docs/model.md#aws-eras). A scenario may set each behaviour explicitly; one its era lacks is a validation error.</summary>
public static class EraRules
{
    /// <summary>Target groups one deployment group manages: one until September 2023, up to 10 since
    /// (docs/model.md#target-groups-per-deployment-group).</summary>
    public static int MaxManagedTargetGroups(Era era) => era == Era.Y2018 ? 1 : 10;

    /// <summary>outdatedInstancesStrategy: only IGNORE before the follow-on UPDATE of about 2021 (docs/model.md#scaling-during-a-deployment).</summary>
    public static OutdatedInstancesStrategy DefaultOutdatedInstances(Era era) =>
        era == Era.Y2018 ? OutdatedInstancesStrategy.Ignore : OutdatedInstancesStrategy.Update;

    /// <summary>Whether the era has the follow-on deployment of outdated instances (UPDATE).</summary>
    public static bool HasOutdatedInstancesUpdate(Era era) => era != Era.Y2018;

    /// <summary>Whether deployment configurations may carry a zonal configuration (December 2023, docs/model.md#zonal-deployments).</summary>
    public static bool HasZonalConfig(Era era) => era != Era.Y2018;

    /// <summary>Whether a deployment group may install the Auto Scaling termination hook (December 2023, docs/model.md#termination-hook).</summary>
    public static bool HasTerminationHook(Era era) => era != Era.Y2018;

    /// <summary>The era as a scenario writes it (<c>2018</c>, <c>current</c>).</summary>
    public static string Name(Era era) => era == Era.Y2018 ? "2018" : "current";
}
