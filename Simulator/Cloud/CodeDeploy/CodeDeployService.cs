using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud.CodeDeploy;

/// <summary>CodeDeploy and its agent: runs each instance's lifecycle events in the documented order (docs/model.md#lifecycle-events).</summary>
/// <remarks>
/// An instance runs one job at a time: a range of lifecycle events for a <see cref="DeploymentRun"/>, or a launch
/// deployment of the last successful revision for the Auto Scaling launch hook (docs/model.md#launch-hook-and-launch-loop). ApplicationStop,
/// BeforeBlockTraffic and AfterBlockTraffic run the previous revision's scripts, so they do nothing on an instance's
/// first deployment (docs/model.md#stop-events-and-first-deployments, docs/model.md#stop-events-and-first-deployments). BlockTraffic and AllowTraffic are performed by the service against the managed target
/// groups (docs/model.md#blocktraffic-and-allowtraffic-timing); a launch deployment runs no traffic events, since the group registers the instance itself just before
/// InService (docs/model.md#health-check-grace-period, inference). A script failure or timeout fails the instance and skips its remaining events (docs/model.md#failures-and-rollback),
/// unless it is one of the three stop events and failures of those are ignored.
/// </remarks>
public sealed partial class CodeDeployService(Model.World world)
{
    private const int NoDeployment = -1;
    private const int TerminationDeployment = -2;

    private struct Job
    {
        public bool Active;
        public int Deployment;              // index in _deployments, or NoDeployment for a launch deployment
        public Revision Revision;
        public LifecycleEvent Event;
        public LifecycleEvent Last;
        public int Script;
        public long EventStartMs;
        public long ScriptStartMs;
        public long WaitUntilMs;
        public int Polls;
        public int Token;
        public bool ExtraIntervalDone;
        public bool Polling;                // a traffic event waits for its poll (scheduled polls, CodeDeployService.Traffic.cs)
        public int PollRank;                // the order traffic events started in: polls of one millisecond run in it
        public int NextInBatch;             // the instances whose polls are planned at the same time (-1: none)
        public int PrevInBatch;
        public long NextPollMs;             // the first poll time not yet polled
        public long PlannedPollMs;          // when the pending poll is due (NoPoll: none)
        public bool FirstDeployment;
        public bool FirstEventOfJob;
        public EventHandle Timeout;
        public string? FailureReason;       // why the running script will fail, when more precise than SCRIPT_FAILED
    }

    private PagedArray<Job> _jobs = new();      // per instance id, sized and grown by the world; a mutable struct: not readonly
    private readonly List<DeploymentRun> _deployments = [];
    private readonly double[] _phaseSum = new double[13];
    private readonly int[] _phaseCount = new int[13];
    private int[] _managed = [];
    private readonly Xoshiro256 _rng = new(0);
    private DeploymentSpec _spec = new();
    private readonly HookScript[][] _hooks = new HookScript[13][];   // per lifecycle event: _spec.Hooks, as arrays (no interface calls per script)
    private IReadOnlyDictionary<LifecycleEvent, IReadOnlyList<HookScript>>? _hooksOf;   // the _spec.Hooks they were taken from
    private bool _runsEmptyEvents;
    private bool _hasGap;

    public IReadOnlyList<DeploymentRun> Deployments => _deployments;

    public void Reset()
    {
        _spec = world.Fleet.Deployment;
        // docs/model.md#agent-event-gap: an event without scripts is dispatched and timed only when that takes time
        _hasGap = !_spec.AgentEventGap.IsZero;
        _runsEmptyEvents = _hasGap || !_spec.EmptyEventTime.IsZero;
        world.Reseed(_rng, "codedeploy");
        if (!ReferenceEquals(_hooksOf, _spec.Hooks))                 // a Monte Carlo run's replications share one spec
        {
            for (int e = 0; e < _hooks.Length; e++)
                _hooks[e] = !_spec.Hooks.TryGetValue((LifecycleEvent)e, out var scripts) ? [] : scripts as HookScript[] ?? [.. scripts];
            _hooksOf = _spec.Hooks;
        }
        _deployments.Clear();
        Array.Clear(_phaseSum);
        Array.Clear(_phaseCount);
        ResetPolls();
        _managed = [.. _spec.TargetGroups.Select(world.TargetGroups.IndexOf).Where(g => g >= 0)];
    }

    /// <summary>Between replications: clears the jobs of the <paramref name="used"/> ids of the last one and reserves
    /// <paramref name="expected"/>.</summary>
    public void ResetJobs(int used, int expected) => _jobs.Reset(used, expected);

    /// <summary>During a run: makes ids below <paramref name="instances"/> valid (pages, no copy).</summary>
    public void EnsureCapacity(int instances) => _jobs.EnsureCapacity(instances);

    /// <summary>Mean duration per instance of each lifecycle event run by deployments (launch deployments excluded).</summary>
    public IReadOnlyDictionary<LifecycleEvent, double> PhaseMeans()
    {
        var d = new SortedDictionary<LifecycleEvent, double>();
        for (int e = 0; e < _phaseSum.Length; e++) if (_phaseCount[e] > 0) d[(LifecycleEvent)e] = _phaseSum[e] / _phaseCount[e];
        return d;
    }

    /// <summary>Creates and begins a deployment.</summary>
    public DeploymentRun Deploy(DeploymentPurpose purpose, Revision revision, DeploymentConfig config, DeploymentPhase phase, IEnumerable<int> instances, ZonalConfig? zonal = null)
    {
        var d = new DeploymentRun(world, _deployments.Count, purpose, revision, config, phase, instances, zonal);
        _deployments.Add(d);
        d.Begin();
        return d;
    }

    public bool HasJob(int id) => _jobs[id].Active;

    /// <summary>The launch lifecycle hook fired and the agent is ready: deploy the last successful revision (docs/model.md#launch-hook-and-launch-loop).</summary>
    public void StartLaunchDeployment(int id, Revision revision) =>
        Begin(id, NoDeployment, revision, LifecycleEvent.ApplicationStop, LifecycleEvent.ValidateService);

    /// <summary>The termination hook fired on an instance leaving service: run BeforeBlockTraffic, BlockTraffic,
    /// AfterBlockTraffic and ApplicationStop with the last successful revision's scripts (docs/model.md#termination-hook).</summary>
    public void StartTerminationDeployment(int id) =>
        Begin(id, TerminationDeployment, world[id].LastGoodRevision, LifecycleEvent.BeforeBlockTraffic, LifecycleEvent.ApplicationStop);

    internal void StartJob(int id, DeploymentRun d)
    {
        var (first, last) = d.Phase switch
        {
            DeploymentPhase.Install => (LifecycleEvent.ApplicationStop, LifecycleEvent.ValidateService),
            DeploymentPhase.Allow => (LifecycleEvent.BeforeAllowTraffic, LifecycleEvent.AfterAllowTraffic),
            DeploymentPhase.Block => (LifecycleEvent.BeforeBlockTraffic, LifecycleEvent.AfterBlockTraffic),
            _ => _managed.Length > 0
                ? (LifecycleEvent.BeforeBlockTraffic, LifecycleEvent.AfterAllowTraffic)
                : (LifecycleEvent.ApplicationStop, LifecycleEvent.ValidateService),
        };
        Begin(id, d.Id, d.Revision, first, last);
    }

    private void Begin(int id, int deployment, Revision revision, LifecycleEvent first, LifecycleEvent last)
    {
        ref var job = ref _jobs[id];
        if (job.Active) AbortJob(id);
        StopPolling(id);
        job = new Job
        {
            Active = true, Deployment = deployment, Revision = revision, Event = first, Last = last, Token = job.Token + 1,
            FirstDeployment = world[id].LastGoodRevision.IsNone, Timeout = EventHandle.None, FirstEventOfJob = true,
        };
        RunEvent(id);
    }

    /// <summary>The instance is being terminated: its scripts never report again, and CodeDeploy notices after
    /// <see cref="DeploymentSpec.TerminatedInstanceDelay"/> that its job failed (docs/model.md#scaling-during-a-deployment).</summary>
    public void InstanceLeaving(int id)
    {
        ref var job = ref _jobs[id];
        if (!job.Active) return;
        world.Sim.Cancel(job.Timeout);
        job.Timeout = EventHandle.None;
        job.Token++;                                            // pending script, poll and step events are now stale
        StopPolling(id);
        world.After(_spec.TerminatedInstanceDelay.SampleDuration(_rng), EventKind.TerminatedInstanceNoticed, id, Arg(id, false));
    }

    /// <summary>Stops the instance's job without reporting (its deployment already ended, or the hook gave up).</summary>
    public void AbortJob(int id, DeploymentRun? owner = null)
    {
        ref var job = ref _jobs[id];
        if (!job.Active || (owner is not null && job.Deployment != owner.Id)) return;
        world.Recorder.Span(id, "CodeDeploy", job.Event, new SimTime(job.EventStartMs), world.Now, "Stopped");
        world.Sim.Cancel(job.Timeout);
        StopPolling(id);
        job.Active = false;
        job.Token++;
    }

    public void Handle(in Event e)
    {
        if ((EventKind)e.Kind == EventKind.ZonalMonitorEnd)
        {
            _deployments[e.Target].ZoneMonitorEnded((int)e.Arg);
            return;
        }
        if ((EventKind)e.Kind == EventKind.TrafficPoll && TrafficPolls == TrafficPollMode.Scheduled)
        {
            RunPlannedPolls(e);
            return;
        }
        int id = e.Target;
        ref var job = ref _jobs[id];
        if (!job.Active || job.Token != (int)(e.Arg >> 1)) return;
        bool ok = (e.Arg & 1) == 1;
        switch ((EventKind)e.Kind)
        {
            case EventKind.LifecycleStep:
                EventDone(id, ok, ok ? "Succeeded" : "Failed", FailureReasons.ScriptFailed);
                break;
            case EventKind.ScriptDone:
                if (!ok) { EventDone(id, false, "Failed", job.FailureReason ?? FailureReasons.ScriptFailed); break; }
                job.Script++;
                RunNextScript(id);
                break;
            case EventKind.ScriptPoll:
                PollScript(id);
                break;
            case EventKind.ScriptTimeout:
                EventDone(id, false, EventTimedOut(id) ? "Failed (event ran past 3600 s)" : "Failed (script timed out)", FailureReasons.ScriptTimedOut);
                break;
            case EventKind.TrafficPoll:
                PollTraffic(id);
                break;
            case EventKind.AgentEventGapEnd:
                RunEvent(id);
                break;
            case EventKind.TerminatedInstanceNoticed:
                Fail(id, "Failed (instance terminated)", FailureReasons.InstanceTerminated);
                break;
        }
    }

    private long Arg(int id, bool ok) => ((long)_jobs[id].Token << 1) | (ok ? 1L : 0L);
}
