using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Strategies;

/// <summary>CodeDeploy blue/green with a copy of the Auto Scaling group (docs/model.md#blue-green-deployments).</summary>
/// <remarks>
/// 1. Copy the group: as many replacement instances as originals are healthy (docs/model.md#blue-green-deployments); the copy does not register them
///    with the load balancer (AddToLoadBalancer suspended) and carries no launch hook yet.
/// 2. Install the revision on them, paced by the deployment configuration (docs/model.md#blue-green-deployments).
/// 3. Reroute immediately or after a wait (docs/model.md#rerouting-traffic): AllowTraffic on the replacements (paced by the configuration), then
///    BlockTraffic on the originals; one original failing to deregister fails the deployment (docs/model.md#blue-green-deployments).
/// 4. Terminate the originals after the termination wait, or keep them alive (docs/model.md#terminating-the-originals); the copy becomes the group.
/// The original group is removed at the end (docs/model.md#blue-green-deployments): instances it launched during the deployment (a scale-out, a
/// replacement) are blocked and terminated with the originals, and the copy keeps the size it was copied with.
/// A failure before rerouting leaves traffic on the originals; with automatic rollback the replacements are terminated.
/// A bad revision detected while the originals live is answered by rerouting back to them (docs/model.md#blue-green-deployments: AllowTraffic on the
/// originals, BlockTraffic on the replacements); once they are gone, by a revert commit deployed blue/green again.
/// </remarks>
public sealed class BlueGreen(Model.World world) : Strategy(world)
{
    private readonly List<int> _originals = [];
    private readonly List<int> _replacements = [];
    private readonly List<DeploymentRun> _running = [];
    private int _expected, _cycle;
    private Revision _revision = Revision.New;
    private bool _installing, _originalsGone, _rerouting, _blocking;
    private byte _originalGroup, _replacementGroup;

    private DeploymentSpec Spec => World.Fleet.Deployment;

    public override bool UsesLaunchHook(int id) => World[id].Group == World.AutoScaling.ActiveGroup;
    public override bool ManagesRegistration(int id) =>
        World[id].Group != World.AutoScaling.ActiveGroup || (_blocking && World[id].Group == _originalGroup);

    public override void Begin() => StartCycle(Revision.New);

    private void StartCycle(Revision revision)
    {
        _cycle++;
        _revision = revision;
        _originalGroup = World.AutoScaling.ActiveGroup;
        _replacementGroup = (byte)(1 - _originalGroup);
        _originals.Clear();
        _replacements.Clear();
        _installing = _originalsGone = _rerouting = _blocking = false;
        _originals.AddRange(InServiceOf(_originalGroup).Where(HealthyEverywhere));
        _expected = _originals.Count;
        var copy = Spec.BlueGreen;
        World.AutoScaling.CopyGroup(_replacementGroup, _expected, copy.CopiedGroupHealthCheckType, copy.CopiedGroupHealthCheckGracePeriod);
        for (int k = 0; k < _expected; k++) _replacements.Add(World.AutoScaling.Launch(_replacementGroup));
        if (_expected == 0)
        {
            World.Recorder.RolloutFailed(FailureReasons.NoInstances);
            World.RolloutEnded(DeploymentOutcome.Failed);
        }
    }

    private bool HealthyEverywhere(int id)
    {
        for (int g = 0; g < World.TargetGroups.Count; g++) if (!World.TargetGroups.IsHealthy(g, id)) return false;
        return true;
    }

    /// <summary>The copy is an Auto Scaling group of its own, with its own health checks (docs/model.md#blue-green-deployments):
    /// a replacement it loses before the install (an EC2 failure, an impaired zone) is replaced by a new launch, and the
    /// install waits for that one instead. Once the install has started, a lost replacement fails its deployment.</summary>
    public override void LifecycleChanged(int id)
    {
        if (_installing || _expected == 0 || World[id].Group != _replacementGroup || World[id].Lifecycle is not (LifecycleState.Terminating or LifecycleState.Terminated)) return;
        int k = _replacements.IndexOf(id);
        if (k >= 0) _replacements[k] = World.AutoScaling.Launch(_replacementGroup);
    }

    public override void InService(int id) => TryInstall();
    public override void AgentReady(int id) => TryInstall();

    private void TryInstall()
    {
        if (_installing || _expected == 0) return;
        foreach (int id in _replacements)
            if (World[id].Lifecycle != LifecycleState.InService || !World[id].AgentReady) return;
        _installing = true;
        Deploy(DeploymentPurpose.BlueGreenInstall, Spec.Config, DeploymentPhase.Install, _replacements);
    }

    private void Deploy(DeploymentPurpose purpose, DeploymentConfig config, DeploymentPhase phase, IEnumerable<int> instances) =>
        _running.Add(World.CodeDeploy.Deploy(purpose, _revision, config, phase, [.. instances]));

    public override void DeploymentFinished(DeploymentRun d)
    {
        _running.Remove(d);
        bool ok = d.Outcome == DeploymentOutcome.Succeeded;
        if (d.Outcome == DeploymentOutcome.Stopped) return;
        switch (d.Purpose)
        {
            case DeploymentPurpose.BlueGreenInstall when ok:
                World.After(Spec.BlueGreen.RerouteWait ?? SimDuration.Zero, EventKind.BlueGreenReroute, _cycle);
                break;
            case DeploymentPurpose.BlueGreenReroute when ok:
                _blocking = true;                                        // from now on the original group registers nothing
                _originals.Clear();                                      // with the instances it launched during the deployment
                for (int id = 0; id < World.InstanceCount; id++)
                    if (World[id].Lifecycle == LifecycleState.InService && World[id].Group == _originalGroup) _originals.Add(id);
                Deploy(DeploymentPurpose.BlueGreenBlockOriginals, DeploymentConfig.AllAtOnce, DeploymentPhase.Block, _originals);
                break;
            case DeploymentPurpose.BlueGreenBlockOriginals when ok && d.Failed == 0:             // docs/model.md#blue-green-deployments: one original failing to deregister fails it
                World.AutoScaling.ActiveGroup = _replacementGroup;       // the launch hook moves to the copy (docs/model.md#blue-green-deployments)
                World.AutoScaling.LastSuccessfulRevision = _revision;
                if (Spec.BlueGreen.KeepAlive) End(_revision == Revision.New ? DeploymentOutcome.Succeeded : DeploymentOutcome.RolledBack);
                else World.After(Spec.BlueGreen.TerminationWait, EventKind.BlueGreenTerminate, _cycle);
                break;
            case DeploymentPurpose.BlueGreenBlockOriginals:
                _blocking = false;
                goto default;
            case DeploymentPurpose.BlueGreenRerouteBack when ok:
                Deploy(DeploymentPurpose.BlueGreenBlockReplacements, DeploymentConfig.AllAtOnce, DeploymentPhase.Block, _replacements);
                break;
            case DeploymentPurpose.BlueGreenBlockReplacements:
                World.AutoScaling.ActiveGroup = _originalGroup;
                foreach (int id in _replacements) World.AutoScaling.Terminate(id, replace: false);
                End(DeploymentOutcome.RolledBack);
                break;
            default:
                World.Recorder.RolloutFailed(d.FailureReason ?? d.FirstInstanceFailure ?? FailureReasons.HealthConstraints);
                Fail();
                break;
        }
    }

    private void End(DeploymentOutcome outcome) => World.RolloutEnded(outcome);

    private void Fail()
    {
        if (Spec.AutoRollback)
        {
            foreach (int id in _replacements) World.AutoScaling.Terminate(id, replace: false);
            TargetRevision = World.AutoScaling.LastSuccessfulRevision;
            End(DeploymentOutcome.RolledBack);
            return;
        }
        End(DeploymentOutcome.Failed);
    }

    public override void Handle(in Event e)
    {
        if (e.Target != _cycle) return;                                  // a step of an abandoned cycle
        switch ((EventKind)e.Kind)
        {
            case EventKind.BlueGreenReroute:
                _rerouting = true;
                var installed = _replacements.Where(i => World[i].Revision == _revision && World[i].Lifecycle == LifecycleState.InService).ToList();
                Deploy(DeploymentPurpose.BlueGreenReroute, Spec.Config, DeploymentPhase.Allow, installed);
                break;
            case EventKind.BlueGreenTerminate:
                _originalsGone = true;
                for (int id = 0; id < World.InstanceCount; id++)           // the original group is deleted with everything in it
                    if (World[id].Group == _originalGroup) World.AutoScaling.Terminate(id, replace: false);
                End(_revision == Revision.New ? DeploymentOutcome.Succeeded : DeploymentOutcome.RolledBack);
                break;
        }
    }

    private bool CanRerouteBack => _rerouting && !_originalsGone;

    public override SimDuration RecoveryDelay(RecoverySpec recovery, Xoshiro256 rng) =>
        CanRerouteBack ? recovery.RerouteBackDelay.SampleDuration(rng) : recovery.RevertLeadTime.SampleDuration(rng);

    /// <summary>Reroute back to the originals while they live (docs/model.md#blue-green-deployments, docs/model.md#terminating-the-originals); otherwise deploy the revert blue/green.</summary>
    public override void Recover()
    {
        if (!CanRerouteBack)
        {
            TargetRevision = Revision.Revert;
            StartCycle(Revision.Revert);
            return;
        }
        foreach (var d in _running.ToList()) d.Stop();
        _cycle++;                                                        // cancels a pending termination of the originals
        _blocking = false;
        _revision = TargetRevision = World[_originals[0]].Revision;      // the good code the originals still run
        World.AutoScaling.ActiveGroup = _originalGroup;
        World.AutoScaling.LastSuccessfulRevision = _revision;
        Deploy(DeploymentPurpose.BlueGreenRerouteBack, Spec.Config, DeploymentPhase.Allow, InServiceOf(_originalGroup));
    }
}
