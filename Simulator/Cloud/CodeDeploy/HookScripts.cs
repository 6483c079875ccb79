using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud.CodeDeploy;

/// <summary>Running an event's hook scripts, one after another. Scripts are never executed: each takes its sampled time,
/// may fail with its failure rate, and applies its action to the world.</summary>
/// <remarks>
/// A script that outlives its timeout fails its event at the timeout (docs/model.md#hook-timeouts), and an event whose scripts together run past
/// 3600 s fails then (docs/model.md#hook-timeouts, limits.md), whatever the timeouts add up to: the agent parses any sum
/// (aws-codedeploy-agent script_info.rb:17-21 has no upper bound) and the limit applies while the event runs. waitForOpsWorks behaves like
/// `aws opsworks wait instance-online` (docs/model.md#cli-waiters: an attempt at once, then every 15 s, 40 attempts; it fails on
/// setup_failed); since OpsWorks draws its outcome when setup starts, the result time is computed in one step.
/// registerTargetGroup / deregisterTargetGroup call the API and then wait like `elbv2 wait target-in-service` /
/// `target-deregistered` (docs/model.md#cli-waiters: every 15 s, 40 attempts), polling the target's state. startApplication fails when
/// OpsWorks has not finished setting the instance up: that is the source article's launch loop.
/// </remarks>
public sealed partial class CodeDeployService
{
    private static readonly SimDuration WaiterDelay = SimDuration.FromSeconds(15);
    private const int WaiterAttempts = 40;

    private HookScript CurrentScript(int id) => _hooks[(int)_jobs[id].Event][_jobs[id].Script];

    /// <summary>How long the current script may still run: its own timeout, cut by what is left of the event's 3600 s.</summary>
    private long ScriptLimitMs(int id, HookScript script)
    {
        ref var job = ref _jobs[id];
        long eventLeft = ScenarioFormat.MaxEventTimeout.Milliseconds - (world.NowMs - job.EventStartMs);
        long scriptLeft = script.Timeout.Milliseconds - (world.NowMs - job.ScriptStartMs);
        return Math.Max(0, Math.Min(eventLeft, scriptLeft));
    }

    /// <summary>True when the event's 3600 s ran out before the current script's own timeout (the failure is the event's).</summary>
    private bool EventTimedOut(int id) =>
        world.NowMs - _jobs[id].EventStartMs >= ScenarioFormat.MaxEventTimeout.Milliseconds
        && world.NowMs - _jobs[id].ScriptStartMs < CurrentScript(id).Timeout.Milliseconds;

    private void RunNextScript(int id)
    {
        ref var job = ref _jobs[id];
        var scripts = _hooks[(int)job.Event];
        if (job.Script >= scripts.Length)
        {
            bool invalid = BadValidation(job.Event, job.Revision) && _rng.NextDouble() < _spec.BadRevision!.ValidateServiceFailureRate;
            EventDone(id, !invalid, invalid ? "Failed (bad revision)" : "Succeeded", FailureReasons.ScriptFailed);
            return;
        }
        var script = scripts[job.Script];
        job.ScriptStartMs = world.NowMs;
        job.FailureReason = null;
        var own = script.Duration.SampleDuration(_rng);
        bool fails = script.FailureRate > 0 && _rng.NextDouble() < script.FailureRate;
        ref var inst = ref world[id];
        switch (script.Action)
        {
            case ScriptAction.StopApplication:
                world.Unicorn.Stop(id);
                break;
            case ScriptAction.SuspendProcesses:
                world.AutoScaling.Suspend(inst.Group, script.Processes);
                break;
            case ScriptAction.ResumeProcesses:
                world.AutoScaling.Resume(inst.Group, script.Processes);
                break;
            case ScriptAction.StartApplication:
                if (inst.OpsWorks != OpsWorksState.Online) fails = true;   // nothing to start yet: the script exits non-zero
                else world.Unicorn.Start(id);
                break;
            case ScriptAction.WaitForOpsWorks:
                var (seen, online) = OpsWorksWaiterResult(id);
                own += seen - world.Now;
                if (!online) job.FailureReason = inst.OpsWorks == OpsWorksState.SetupFailed || (inst.OpsWorksFails && seen.Milliseconds >= inst.OpsWorksDoneMs)
                    ? FailureReasons.OpsWorksSetupFailed : FailureReasons.WaiterTimedOut;
                fails |= !online;
                break;
            case ScriptAction.RegisterTargetGroup:
            case ScriptAction.DeregisterTargetGroup:
                int g = world.TargetGroups.IndexOf(script.TargetGroup ?? "");
                if (g >= 0)
                {
                    if (script.Action == ScriptAction.RegisterTargetGroup) world.TargetGroups.Register(g, id);
                    else world.TargetGroups.Deregister(g, id);
                    job.Polls = 0;
                    job.Timeout = world.After(new SimDuration(ScriptLimitMs(id, script)), EventKind.ScriptTimeout, id, Arg(id, false));
                    world.After(SimDuration.Zero, EventKind.ScriptPoll, id, Arg(id, true));
                    return;
                }
                fails = true;
                break;
        }
        long limit = ScriptLimitMs(id, script);
        if (own.Milliseconds > limit)
        {
            world.After(new SimDuration(limit), EventKind.ScriptTimeout, id, Arg(id, false));
            return;
        }
        world.After(own, EventKind.ScriptDone, id, Arg(id, !fails));
    }

    /// <summary>When `aws opsworks wait instance-online` returns, and whether it saw the instance online.</summary>
    private (SimTime When, bool Online) OpsWorksWaiterResult(int id)
    {
        ref var inst = ref world[id];
        var ow = world.Fleet.OpsWorks;
        long delay = ow.WaitPollInterval.Milliseconds;
        int attempts = ow.WaitMaxPolls;
        long now = world.NowMs, done = inst.OpsWorksDoneMs;
        bool finished = inst.OpsWorks is OpsWorksState.Online or OpsWorksState.SetupFailed;
        long k = finished || done <= now ? 0 : (done - now + delay - 1) / delay;
        if (k >= attempts) return (new SimTime(now + ((attempts - 1) * delay)), false);
        return (new SimTime(now + (k * delay)), !inst.OpsWorksFails);
    }

    private void PollScript(int id)
    {
        ref var job = ref _jobs[id];
        var script = CurrentScript(id);
        int g = world.TargetGroups.IndexOf(script.TargetGroup!);
        var state = world.TargetGroups.State(g, id);
        bool reached = script.Action == ScriptAction.RegisterTargetGroup ? state == TargetState.Healthy : state == TargetState.Unused;
        if (reached || ++job.Polls >= WaiterAttempts)
        {
            world.Sim.Cancel(job.Timeout);
            job.Timeout = EventHandle.None;
            bool fails = !reached || (script.FailureRate > 0 && _rng.NextDouble() < script.FailureRate);
            if (!reached) job.FailureReason = FailureReasons.WaiterTimedOut;
            long remaining = ScriptLimitMs(id, script);
            var own = script.Duration.SampleDuration(_rng);
            if (own.Milliseconds > remaining)
            {
                world.After(new SimDuration(remaining), EventKind.ScriptTimeout, id, Arg(id, false));
                return;
            }
            world.After(own, EventKind.ScriptDone, id, Arg(id, !fails));
            return;
        }
        world.After(WaiterDelay, EventKind.ScriptPoll, id, Arg(id, true));
    }
}
