using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Strategies;

/// <summary>Capistrano with unicorn USR2 graceful restart, no load-balancer interaction (docs/model.md#unicorn-usr2, docs/model.md#capistrano-flow).</summary>
/// <remarks>The code update (release, bundle, assets) runs on every host in parallel; then USR2 goes to every host at
/// once (SSHKit's default), one host after another with a wait (`in: :sequence, wait: 5`), or in groups. A host's
/// restart ends when its new workers are up and the old master has quit. New instances get the new revision from
/// OpsWorks' Deploy recipes once the rollout has started (assumption).</remarks>
public sealed class GracefulRestart(Model.World world) : Strategy(world)
{
    private int[] _hosts = [];
    private readonly HashSet<int> _awaiting = [];
    private int _next;
    private bool _started;
    private DeploymentOutcome _outcome = DeploymentOutcome.Succeeded;
    private Xoshiro256 _rng = new(0);

    private GracefulRestartSpec Spec => World.Fleet.Deployment.GracefulRestart;

    public override bool UsesLaunchHook(int id) => false;

    public override void Begin()
    {
        _rng = World.Stream("capistrano");
        _hosts = [.. InServiceOf(0)];
        var update = SimDuration.Zero;
        foreach (int _ in _hosts) update = SimDuration.Max(update, Spec.CodeUpdateTime.SampleDuration(_rng));
        World.After(update, EventKind.GracefulRestartCodeUpdated, 0);
    }

    public override Revision RevisionForNewInstances => _started ? TargetRevision : Revision.Initial;

    public override SimDuration RecoveryDelay(RecoverySpec recovery, Xoshiro256 rng) => recovery.RollbackDelay.SampleDuration(rng);

    /// <summary>`cap deploy:rollback`: the previous release is still on disk; USR2 every host onto it, paced as before.</summary>
    public override void Recover()
    {
        TargetRevision = Revision.Initial;
        _outcome = DeploymentOutcome.RolledBack;
        _hosts = [.. InServiceOf(0)];
        _next = 0;
        _awaiting.Clear();
        NextBatch();
    }

    public override void Handle(in Event e)
    {
        switch ((EventKind)e.Kind)
        {
            case EventKind.GracefulRestartCodeUpdated:
                _started = true;
                if (_hosts.Length == 0) Done();
                else NextBatch();
                break;
            case EventKind.GracefulRestartHost:
                NextBatch();
                break;
        }
    }

    private int BatchSize => Spec.Hosts switch
    {
        HostsMode.Parallel => _hosts.Length,
        HostsMode.Sequential => 1,
        _ => Math.Max(1, Spec.GroupSize),
    };

    private void NextBatch()
    {
        while (_awaiting.Count == 0 && _next < _hosts.Length)
        {
            int end = Math.Min(_hosts.Length, _next + BatchSize);
            for (; _next < end; _next++)
            {
                int id = _hosts[_next];
                if (World[id].Lifecycle != LifecycleState.InService) continue;
                _awaiting.Add(id);
                World[id].Revision = TargetRevision;
                World.Recorder.Span(id, "Capistrano", "USR2", World.Now, World.Now, "sent");
                World.Unicorn.Usr2(id);
            }
        }
        if (_awaiting.Count == 0) Done();
    }

    public override void ApplicationSettled(int id)
    {
        if (!_awaiting.Remove(id)) return;
        World.Recorder.Span(id, "Capistrano", "restarted", World.Now, World.Now, "settled");
        if (_awaiting.Count > 0) return;
        if (_next < _hosts.Length) World.After(Spec.WaitBetweenHosts, EventKind.GracefulRestartHost, 0);
        else Done();
    }

    private void Done() => World.RolloutEnded(_outcome);
}
