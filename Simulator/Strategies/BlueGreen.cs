using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.World;

namespace DeploySim.Strategies;

/// <summary>CodeDeploy blue/green with a copy of the Auto Scaling group (domain.md §2).</summary>
/// <remarks>
/// 1. Copy the group: as many replacement instances as originals are healthy (§2.1); the copy does not register them
///    with the load balancer (AddToLoadBalancer suspended) and carries no launch hook yet.
/// 2. Install the revision on them, paced by the deployment configuration (§2.5).
/// 3. Reroute immediately or after a wait (§2.3): AllowTraffic on the replacements (paced by the configuration), then
///    BlockTraffic on the originals; one original failing to deregister fails the deployment (§2.5).
/// 4. Terminate the originals after the termination wait, or keep them alive (§2.4); the copy becomes the group.
/// A failure before rerouting leaves traffic on the originals; with automatic rollback the replacements are terminated.
/// </remarks>
public sealed class BlueGreen(World.World world) : Strategy(world)
{
    private const byte Replacement = 1;
    private readonly List<int> _originals = [];
    private readonly List<int> _replacements = [];
    private int _expected;
    private bool _installing;

    private DeploymentSpec Spec => World.Scenario.Deployment;

    public override bool UsesLaunchHook(int id) => World[id].Group == World.AutoScaling.ActiveGroup;
    public override bool ManagesRegistration(int id) => World[id].Group == Replacement && World.AutoScaling.ActiveGroup != Replacement;

    public override void Begin()
    {
        _originals.AddRange(InServiceOf(0).Where(HealthyEverywhere));
        _expected = _originals.Count;
        for (int k = 0; k < _expected; k++) _replacements.Add(World.AutoScaling.Launch(Replacement));
        if (_expected == 0) World.Recorder.RolloutEnded(DeploymentOutcome.Failed);
    }

    private bool HealthyEverywhere(int id)
    {
        for (int g = 0; g < World.TargetGroups.Count; g++) if (!World.TargetGroups.IsHealthy(g, id)) return false;
        return true;
    }

    public override void InService(int id) => TryInstall();
    public override void AgentReady(int id) => TryInstall();

    private void TryInstall()
    {
        if (_installing || _expected == 0) return;
        foreach (int id in _replacements)
            if (World[id].Lifecycle != LifecycleState.InService || !World[id].AgentReady) return;
        _installing = true;
        World.CodeDeploy.Deploy("blue/green install", NewRevision, Spec.Config, DeploymentPhase.Install, _replacements);
    }

    public override void DeploymentFinished(Deployment d)
    {
        bool ok = d.Outcome == DeploymentOutcome.Succeeded;
        switch (d.Purpose)
        {
            case "blue/green install" when ok:
                World.After(Spec.BlueGreen.RerouteWait ?? SimDuration.Zero, EventKind.BlueGreenReroute, 0);
                break;
            case "blue/green reroute" when ok:
                World.CodeDeploy.Deploy("blue/green block", NewRevision, DeploymentConfig.AllAtOnce, DeploymentPhase.Block, _originals);
                break;
            case "blue/green block" when ok && d.Failed == 0:             // §2.5: one original failing to deregister fails it
                World.AutoScaling.ActiveGroup = Replacement;       // the launch hook moves to the copy (§2.1)
                if (Spec.BlueGreen.KeepAlive) World.Recorder.RolloutEnded(DeploymentOutcome.Succeeded);
                else World.After(Spec.BlueGreen.TerminationWait, EventKind.BlueGreenTerminate, 0);
                break;
            default:
                Fail();
                break;
        }
    }

    private void Fail()
    {
        if (Spec.AutoRollback)
        {
            foreach (int id in _replacements) World.AutoScaling.Terminate(id, replace: false);
            World.Recorder.RolloutEnded(DeploymentOutcome.RolledBack);
            return;
        }
        World.Recorder.RolloutEnded(DeploymentOutcome.Failed);
    }

    public override void Handle(in Event e)
    {
        switch ((EventKind)e.Kind)
        {
            case EventKind.BlueGreenReroute:
                var installed = _replacements.Where(i => World[i].Revision == NewRevision && World[i].Lifecycle == LifecycleState.InService).ToList();
                World.CodeDeploy.Deploy("blue/green reroute", NewRevision, Spec.Config, DeploymentPhase.Allow, installed);
                break;
            case EventKind.BlueGreenTerminate:
                foreach (int id in _originals) World.AutoScaling.Terminate(id, replace: false);
                World.Recorder.RolloutEnded(DeploymentOutcome.Succeeded);
                break;
        }
    }
}
