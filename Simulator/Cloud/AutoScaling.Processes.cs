using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>Suspended processes (docs/model.md#suspended-processes): SuspendProcesses and ResumeProcesses on a group,
/// and what the group catches up on when a process resumes.</summary>
public sealed partial class AutoScaling
{
    /// <summary>Whether <paramref name="process"/> is suspended on <paramref name="group"/> (docs/model.md#suspended-processes).</summary>
    public bool IsSuspended(byte group, AutoScalingProcesses process) => (_suspended[group] & process) != 0;

    /// <summary>SuspendProcesses on a group (a hook script of the AWS samples' kind, docs/model.md#suspended-processes).</summary>
    public void Suspend(byte group, AutoScalingProcesses processes)
    {
        _suspended[group] |= processes;
        world.Recorder.Span(-1, "Auto Scaling", "SuspendProcesses", world.Now, world.Now, processes.ToString());
    }

    /// <summary>ResumeProcesses: the group catches up on what it held back: its capacity (Launch, Terminate) and the
    /// instances still unhealthy (HealthCheck, ReplaceUnhealthy). Scheduled actions missed meanwhile stay skipped, as in AWS.</summary>
    public void Resume(byte group, AutoScalingProcesses processes)
    {
        var before = _suspended[group];
        _suspended[group] &= ~processes;
        world.Recorder.Span(-1, "Auto Scaling", "ResumeProcesses", world.Now, world.Now, processes.ToString());
        if (before == _suspended[group]) return;
        const AutoScalingProcesses replacing = AutoScalingProcesses.HealthCheck | AutoScalingProcesses.ReplaceUnhealthy;
        if ((before & replacing) != 0 && !IsSuspended(group, replacing))
            for (int i = 0; i < world.InstanceCount; i++)
                if (world[i].Group == group && IsUnhealthyAnywhere(i)) TargetUnhealthy(i);
        if (group == ActiveGroup) world.After(SimDuration.Zero, EventKind.Relaunch, 0);
        world.Strategies.GroupChanged();
    }

    /// <summary>Whether some target group finds the instance unhealthy.</summary>
    public bool IsUnhealthyAnywhere(int id)
    {
        for (int g = 0; g < world.TargetGroups.Count; g++) if (world.TargetGroups.State(g, id) == TargetState.Unhealthy) return true;
        return false;
    }
}
