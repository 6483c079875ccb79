using DeploySim.Model;
using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Strategies;

/// <summary>CodeDeploy in-place over the Auto Scaling group (docs/model.md#lifecycle-events, docs/model.md#deployment-configurations, docs/model.md#scaling-during-a-deployment).</summary>
/// <remarks>Deploys to the instances in service at the start. On success the group's last successful revision moves on,
/// and with UPDATE a follow-on deployment updates instances that were launched with the old revision meanwhile (docs/model.md#scaling-during-a-deployment);
/// with IGNORE they stay stale. On failure with automatic rollback, a new deployment of the last good revision runs
/// (docs/model.md#failures-and-rollback). A bad revision that passes validation is answered, once detected, by a revert commit through the pipeline
/// and a new in-place deployment (the source article's choice); a deployment still running is stopped first.
/// The rollout ends when no deployment is left running.</remarks>
public sealed class InPlace(Model.World world) : Strategy(world)
{
    private DeploymentOutcome _outcome = DeploymentOutcome.Unfinished;
    private readonly List<DeploymentRun> _running = [];
    private bool _succeeded;

    private DeploymentSpec Spec => World.Fleet.Deployment;

    public override void Begin() => Run(DeploymentPurpose.Rollout, Revision.New, InServiceOf(World.AutoScaling.ActiveGroup));

    /// <summary>Starts a deployment. One that ends as it begins (HEALTH_CONSTRAINTS_INVALID: a custom minimum on a
    /// single-instance follow-on) has already reported to <see cref="DeploymentFinished"/> and is not kept as running.</summary>
    private void Run(DeploymentPurpose purpose, Revision revision, IEnumerable<int> instances)
    {
        var d = World.CodeDeploy.Deploy(purpose, revision, Spec.Config, DeploymentPhase.InPlace, [.. instances],
            purpose == DeploymentPurpose.Rollback ? null : Spec.ZonalConfig);   // docs/model.md#zonal-deployments: rollbacks ignore zones
        if (!d.IsDone) _running.Add(d);
    }

    public override void DeploymentFinished(DeploymentRun d)
    {
        _running.Remove(d);
        bool ok = d.Outcome == DeploymentOutcome.Succeeded;
        if (ok) World.AutoScaling.LastSuccessfulRevision = d.Revision;
        switch (d.Purpose)
        {
            case DeploymentPurpose.Rollout when ok:
                _succeeded = true;
                _outcome = DeploymentOutcome.Succeeded;
                if (Spec.OutdatedInstances == OutdatedInstancesStrategy.Update)
                {
                    var stale = InServiceOf(World.AutoScaling.ActiveGroup).Where(i => World[i].Revision < Revision.New).ToList();
                    if (stale.Count > 0) Run(DeploymentPurpose.FollowOn, Revision.New, stale);
                }
                break;
            case DeploymentPurpose.Rollout when d.Outcome == DeploymentOutcome.Stopped:
                break;                                          // stopped for a revert
            case DeploymentPurpose.Rollout:
                _outcome = DeploymentOutcome.Failed;
                if (Spec.AutoRollback)
                {
                    _outcome = DeploymentOutcome.RolledBack;
                    TargetRevision = Revision.Initial;
                    Run(DeploymentPurpose.Rollback, Revision.Initial, InServiceOf(World.AutoScaling.ActiveGroup));
                }
                break;
            case DeploymentPurpose.Rollback or DeploymentPurpose.Revert:
                _outcome = ok ? DeploymentOutcome.RolledBack : DeploymentOutcome.Failed;
                break;
        }
        if (_running.Count == 0) World.RolloutEnded(_outcome);
    }

    /// <summary>An instance launched with the old revision during the deployment entered service after it succeeded.</summary>
    public override void InService(int id)
    {
        if (_succeeded && TargetRevision == Revision.New && Spec.OutdatedInstances == OutdatedInstancesStrategy.Update && World[id].Revision < Revision.New)
            Run(DeploymentPurpose.FollowOn, Revision.New, [id]);
    }

    public override SimDuration RecoveryDelay(RecoverySpec recovery, Xoshiro256 rng) => recovery.RevertLeadTime.SampleDuration(rng);

    /// <summary>The revert commit reaches CodeDeploy: stop what still runs, then deploy the good code in place.</summary>
    public override void Recover()
    {
        foreach (var d in _running.Where(d => d.Purpose is DeploymentPurpose.Rollout or DeploymentPurpose.FollowOn).ToList()) d.Stop();
        TargetRevision = Revision.Revert;
        _outcome = DeploymentOutcome.RolledBack;
        Run(DeploymentPurpose.Revert, Revision.Revert, InServiceOf(World.AutoScaling.ActiveGroup));
    }
}
