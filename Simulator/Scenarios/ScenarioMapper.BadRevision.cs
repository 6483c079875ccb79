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
