using DeploySim.Engine;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>OpsWorks Stacks setup on each new instance (docs/model.md#opsworks-setup-and-boot-times): booting → running_setup → online or setup_failed.</summary>
/// <remarks>Setup starts when the instance has booted and runs the layer's Setup and Deploy recipes; its duration and
/// failure are drawn at that moment, so a waiter can compute when it will observe the result. With OpsWorks disabled,
/// an instance is online as soon as it boots.</remarks>
public sealed class OpsWorks(Model.World world)
{
    private readonly Xoshiro256 _rng = new(0);

    public void Reset() => world.Reseed(_rng, "opsworks");

    /// <summary>The instance booted: setup starts.</summary>
    public void Booted(int id)
    {
        ref var inst = ref world[id];
        var spec = world.Fleet.OpsWorks;
        if (!spec.Enabled)
        {
            inst.OpsWorks = OpsWorksState.Online;
            inst.OpsWorksDoneMs = world.NowMs;
            world.AutoScaling.OpsWorksFinished(id);
            return;
        }
        inst.OpsWorks = OpsWorksState.RunningSetup;
        var duration = spec.SetupTime.SampleDuration(_rng);
        bool fails = spec.SetupFailureRate > 0 && _rng.NextDouble() < spec.SetupFailureRate;
        inst.OpsWorksDoneMs = world.NowMs + duration.Milliseconds;
        inst.OpsWorksFails = fails;
        world.After(duration, EventKind.OpsWorksSetupDone, id, fails ? 1 : 0);
    }

    /// <summary>Marks an instance of the initial fleet as set up long ago.</summary>
    public void AlreadyOnline(int id)
    {
        world[id].OpsWorks = OpsWorksState.Online;
        world[id].OpsWorksDoneMs = 0;
    }

    public void Handle(in Event e)
    {
        ref var inst = ref world[e.Target];
        if (inst.Lifecycle == LifecycleState.Terminated) return;
        inst.OpsWorks = e.Arg == 1 ? OpsWorksState.SetupFailed : OpsWorksState.Online;
        world.Recorder.Span(e.Target, "OpsWorks", "setup", new SimTime(inst.BootedMs), world.Now,
            e.Arg == 1 ? "setup_failed" : "online");
        world.AutoScaling.OpsWorksFinished(e.Target);
    }

    public bool IsOnline(int id) => world[id].OpsWorks == OpsWorksState.Online;
}
