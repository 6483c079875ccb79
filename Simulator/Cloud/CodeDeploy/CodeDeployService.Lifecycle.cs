using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud.CodeDeploy;

// An instance's job, one lifecycle event after another: the agent's gap between events, the scripts of each event,
// its end, and the job's failure or finish (docs/model.md#lifecycle-events, docs/model.md#agent-event-gap).
public sealed partial class CodeDeployService
{
    private void RunEvent(int id)
    {
        ref var job = ref _jobs[id];
        while (true)
        {
            job.Token++;                                        // events of the previous lifecycle event are now stale
            job.EventStartMs = world.NowMs;
            job.Script = 0;
            job.Polls = 0;
            job.ExtraIntervalDone = false;
            StopPolling(id);
            var ev = job.Event;
            bool stopEvent = ev is LifecycleEvent.BeforeBlockTraffic or LifecycleEvent.AfterBlockTraffic or LifecycleEvent.ApplicationStop;
            bool agentsEvent = ev is not (LifecycleEvent.BlockTraffic or LifecycleEvent.AllowTraffic or LifecycleEvent.DownloadBundle or LifecycleEvent.Install);
            bool empty = agentsEvent && ((stopEvent && job.FirstDeployment) || (!HasScripts(ev) && !BadValidation(ev, job.Revision)));
            bool skip = (empty && !_runsEmptyEvents)
                        || (ev is LifecycleEvent.BlockTraffic or LifecycleEvent.AllowTraffic && (_managed.Length == 0 || job.Deployment == NoDeployment));
            if (empty && !skip)
            {
                world.After(_spec.EmptyEventTime.SampleDuration(_rng), EventKind.LifecycleStep, id, Arg(id, true));   // docs/model.md#agent-event-gap
                return;
            }
            if (!skip)
            {
                Execute(id, ev);
                return;
            }
            if (!Advance(id)) return;
        }
    }

    private bool HasScripts(LifecycleEvent ev) => _hooks[(int)ev].Length > 0;

    /// <summary>ValidateService of a bad revision that fails validation on a fraction of instances.</summary>
    private bool BadValidation(LifecycleEvent ev, Revision revision) =>
        ev == LifecycleEvent.ValidateService && revision == Revision.New && (_spec.BadRevision?.ValidateServiceFailureRate ?? 0) > 0;

    /// <summary>Moves to the next event; finishes the job after the last. Returns true if there is an event to run.</summary>
    private bool Advance(int id)
    {
        ref var job = ref _jobs[id];
        if (job.Event == job.Last)
        {
            Finish(id, true);
            return false;
        }
        job.Event++;
        return true;
    }

    private void Execute(int id, LifecycleEvent ev)
    {
        ref var job = ref _jobs[id];
        switch (ev)
        {
            case LifecycleEvent.DownloadBundle:
                world.After(_spec.DownloadBundleTime.SampleDuration(_rng), EventKind.LifecycleStep, id, Arg(id, true));
                return;
            case LifecycleEvent.Install:
                world.After(_spec.InstallTime.SampleDuration(_rng), EventKind.LifecycleStep, id, Arg(id, true));
                return;
            case LifecycleEvent.BlockTraffic:
                foreach (int g in _managed) world.TargetGroups.Deregister(g, id);
                job.WaitUntilMs = world.NowMs + (_spec.BlockTrafficWaitsHealthCheckEstimate ? HealthCheckEstimate().Milliseconds : 0);
                StartPolling(id);
                return;
            case LifecycleEvent.AllowTraffic:
                foreach (int g in _managed) world.TargetGroups.Register(g, id);
                job.WaitUntilMs = world.NowMs;
                StartPolling(id);
                return;
            default:
                RunNextScript(id);
                return;
        }
    }

    private void EventDone(int id, bool ok, string status, string? reason)
    {
        ref var job = ref _jobs[id];
        var ev = job.Event;
        world.Sim.Cancel(job.Timeout);
        job.Timeout = EventHandle.None;
        world.Recorder.Span(id, "CodeDeploy", ev, new SimTime(job.EventStartMs), world.Now, status);
        world.Invariants.LifecycleEventEnded(id, ev, job.FirstEventOfJob);
        job.FirstEventOfJob = false;
        if (job.Deployment >= 0)
        {
            _phaseSum[(int)ev] += (world.NowMs - job.EventStartMs) / 1000.0;
            _phaseCount[(int)ev]++;
        }
        bool ignorable = ev is LifecycleEvent.ApplicationStop or LifecycleEvent.BeforeBlockTraffic or LifecycleEvent.AfterBlockTraffic;
        if (!ok && !(ignorable && _spec.IgnoreApplicationStopFailures))
        {
            Finish(id, false, reason);
            return;
        }
        if (ev == LifecycleEvent.Install) world[id].Revision = job.Revision;     // Install copies the revision's files
        if (!Advance(id)) return;
        if (!_hasGap)
        {
            RunEvent(id);
            return;
        }
        job.EventStartMs = world.NowMs;                         // a stop during the gap is the next event's
        world.After(_spec.AgentEventGap.SampleDuration(_rng), EventKind.AgentEventGapEnd, id, Arg(id, true));   // docs/model.md#agent-event-gap
    }

    private void Fail(int id, string status, string reason)
    {
        ref var job = ref _jobs[id];
        world.Sim.Cancel(job.Timeout);
        world.Recorder.Span(id, "CodeDeploy", job.Event, new SimTime(job.EventStartMs), world.Now, status);
        Finish(id, false, reason);
    }

    private void Finish(int id, bool ok, string? reason = null)
    {
        ref var job = ref _jobs[id];
        StopPolling(id);
        job.Active = false;
        job.Token++;
        if (ok) world[id].LastGoodRevision = job.Revision;
        if (job.Deployment == NoDeployment) world.AutoScaling.CompleteLifecycleAction(id, ok);
        else if (job.Deployment == TerminationDeployment) world.AutoScaling.TerminationDeploymentDone(id);
        else _deployments[job.Deployment].InstanceDone(id, ok, reason);
    }
}
