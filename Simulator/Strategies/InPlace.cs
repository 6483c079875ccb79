using DeploySim.Cloud.CodeDeploy;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Strategies;

/// <summary>CodeDeploy in-place over the Auto Scaling group (domain.md §1, §3, §4.3).</summary>
/// <remarks>Deploys to the instances in service at the start. On success the group's last successful revision moves on,
/// and with UPDATE a follow-on deployment updates instances that were launched with the old revision meanwhile (§4.3);
/// with IGNORE they stay stale. On failure with automatic rollback, a new deployment of the last good revision runs
/// (§1.5). The rollout ends when no deployment is left running.</remarks>
public sealed class InPlace(World.World world) : Strategy(world)
{
    private DeploymentOutcome _outcome = DeploymentOutcome.Unfinished;
    private int _running;
    private bool _succeeded;

    private DeploymentSpec Spec => World.Scenario.Deployment;

    public override void Begin() => Run("deployment", NewRevision, InServiceOf(World.AutoScaling.ActiveGroup));

    private void Run(string purpose, int revision, IEnumerable<int> instances)
    {
        _running++;
        World.CodeDeploy.Deploy(purpose, revision, Spec.Config, DeploymentPhase.InPlace, [.. instances]);
    }

    public override void DeploymentFinished(Deployment d)
    {
        _running--;
        switch (d.Purpose)
        {
            case "deployment" when d.Outcome == DeploymentOutcome.Succeeded:
                _succeeded = true;
                _outcome = DeploymentOutcome.Succeeded;
                World.AutoScaling.LastSuccessfulRevision = NewRevision;
                if (Spec.OutdatedInstances == OutdatedInstancesStrategy.Update)
                {
                    var stale = InServiceOf(World.AutoScaling.ActiveGroup).Where(i => World[i].Revision < NewRevision).ToList();
                    if (stale.Count > 0) Run("follow-on", NewRevision, stale);
                }
                break;
            case "deployment":
                _outcome = DeploymentOutcome.Failed;
                if (Spec.AutoRollback)
                {
                    _outcome = DeploymentOutcome.RolledBack;
                    Run("rollback", 1, InServiceOf(World.AutoScaling.ActiveGroup));
                }
                break;
            case "rollback" when d.Outcome != DeploymentOutcome.Succeeded:
                _outcome = DeploymentOutcome.Failed;
                break;
        }
        if (_running == 0) World.Recorder.RolloutEnded(_outcome);
    }

    /// <summary>An instance launched with the old revision during the deployment entered service after it succeeded.</summary>
    public override void InService(int id)
    {
        if (_succeeded && Spec.OutdatedInstances == OutdatedInstancesStrategy.Update && World[id].Revision < NewRevision)
            Run("follow-on", NewRevision, [id]);
    }
}
