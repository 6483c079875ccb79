using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud.CodeDeploy;

/// <summary>Which lifecycle events the instances of a deployment run (docs/model.md#lifecycle-events, docs/model.md#blue-green-deployments).</summary>
public enum DeploymentPhase
{
    /// <summary>In-place: every event, the traffic ones only with a managed target group.</summary>
    InPlace,
    /// <summary>Blue/green replacement instances: ApplicationStop to ValidateService.</summary>
    Install,
    /// <summary>Blue/green replacement instances: BeforeAllowTraffic to AfterAllowTraffic.</summary>
    Allow,
    /// <summary>Blue/green original instances: BeforeBlockTraffic to AfterBlockTraffic.</summary>
    Block,
}

/// <summary>One CodeDeploy deployment over a fixed set of instances, paced by <see cref="DeploymentRules"/>.</summary>
/// <remarks>Instances are taken in the documented order (docs/model.md#minimum-healthy-hosts): unhealthy first, then unknown revision, then old, then
/// current; ties by instance number. When the deployment fails, in-progress instances are stopped and pending ones skipped.</remarks>
public sealed class DeploymentRun
{
    private readonly Model.World _world;
    private readonly int[] _targets;
    private int _next, _inProgress, _succeeded, _failed;

    internal DeploymentRun(Model.World world, int id, DeploymentPurpose purpose, Revision revision, DeploymentConfig config, DeploymentPhase phase, IEnumerable<int> instances)
    {
        _world = world;
        Id = id;
        Purpose = purpose;
        Revision = revision;
        Phase = phase;
        _targets = [.. instances.OrderBy(Rank).ThenBy(i => i)];
        Rules = new DeploymentRules(config, _targets.Length);
        Start = world.Now;
    }

    public int Id { get; }
    /// <summary>Why the strategy created it.</summary>
    public DeploymentPurpose Purpose { get; }
    public Revision Revision { get; }
    public DeploymentPhase Phase { get; }
    public DeploymentRules Rules { get; }
    public SimTime Start { get; }
    public SimTime? End { get; private set; }
    public DeploymentOutcome Outcome { get; private set; } = DeploymentOutcome.Unfinished;
    public IReadOnlyList<int> Targets => _targets;
    public int Succeeded => _succeeded;
    public int Failed => _failed;
    public bool IsDone => End is not null;
    /// <summary>Why it did not succeed (a <see cref="FailureReasons"/> code); null while running or after success.</summary>
    public string? FailureReason { get; private set; }
    /// <summary>Why the first of its instances failed.</summary>
    public string? FirstInstanceFailure { get; private set; }
    /// <summary>The most instances that were in progress at once.</summary>
    public int MaxInProgress { get; private set; }

    private int Rank(int id)
    {
        ref var inst = ref _world[id];
        if (_world.Unicorn.ServingWorkers(id) == 0) return 0;
        if (inst.Revision.IsNone) return 1;
        return inst.Revision < Revision ? 2 : 3;
    }

    internal void Begin()
    {
        if (_targets.Length == 0 || Rules.FailsImmediately)
        {
            Finish(_targets.Length == 0 ? DeploymentOutcome.Succeeded : DeploymentOutcome.Failed, FailureReasons.HealthConstraintsInvalid);
            return;
        }
        Pump();
    }

    /// <summary>Starts instances while the rules allow; checks for the end before each start, so that a deployment
    /// that has failed touches no further instance (docs/model.md#deployment-configurations: it stops at the failure, instances not reached keep serving).</summary>
    private void Pump()
    {
        while (!IsDone && !FinishIfDecided())
        {
            if (_next >= _targets.Length || !Rules.CanStartAnother(_failed, _inProgress))
            {
                if (_inProgress == 0)
                    Finish(DeploymentOutcome.Failed, FailureReasons.HealthConstraints);   // too few healthy instances left to go on (docs/model.md#minimum-healthy-hosts)
                return;
            }
            int id = _targets[_next++];
            if (_world[id].Lifecycle is LifecycleState.Terminating or LifecycleState.Terminated)
            {
                _failed++;                                       // docs/model.md#scaling-during-a-deployment: a terminated instance fails its deployment
                FirstInstanceFailure ??= FailureReasons.InstanceTerminated;
                continue;
            }
            _inProgress++;
            MaxInProgress = Math.Max(MaxInProgress, _inProgress);
            _world.CodeDeploy.StartJob(id, this);
        }
    }

    /// <summary>Finishes the deployment when its outcome is decided; true if it did.</summary>
    private bool FinishIfDecided()
    {
        int remaining = _targets.Length - _next;
        if (Rules.HasFailed(_succeeded, _failed, remaining + _inProgress, lastFailed: _next == _targets.Length && _inProgress == 0))
            Finish(DeploymentOutcome.Failed, FirstInstanceFailure ?? FailureReasons.HealthConstraints);
        else if (_inProgress == 0 && remaining == 0)
            Finish(_succeeded >= Rules.RequiredSuccesses ? DeploymentOutcome.Succeeded : DeploymentOutcome.Failed, FirstInstanceFailure ?? FailureReasons.HealthConstraints);
        return IsDone;
    }

    /// <summary>An instance finished its lifecycle events.</summary>
    internal void InstanceDone(int id, bool succeeded, string? reason = null)
    {
        if (IsDone) return;
        _inProgress--;
        if (succeeded) _succeeded++;
        else
        {
            _failed++;
            FirstInstanceFailure ??= reason ?? FailureReasons.Unknown;
        }
        Pump();
    }

    /// <summary>Stops the deployment (a manual stop, or a blue/green timeout).</summary>
    public void Stop(string reason = FailureReasons.ManualStop) => Finish(DeploymentOutcome.Stopped, reason);

    private void Finish(DeploymentOutcome outcome, string? reason = null)
    {
        if (IsDone) return;
        End = _world.Now;
        Outcome = outcome;
        if (outcome != DeploymentOutcome.Succeeded)
        {
            FailureReason = reason ?? FirstInstanceFailure ?? FailureReasons.HealthConstraints;
            _world.Recorder.RolloutFailed(FailureReason);
        }
        if (outcome != DeploymentOutcome.Succeeded)
            foreach (int id in _targets) _world.CodeDeploy.AbortJob(id, this);
        _world.Strategies.DeploymentFinished(this);
    }
}
