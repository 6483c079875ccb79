using DeploySim.Engine;

namespace DeploySim.Tests.Engine;

/// <summary>Records every dispatched event; an optional hook reacts to it (tests only: the hook is a delegate).</summary>
internal sealed class Recorder(Simulation sim) : IEventHandler
{
    public List<Event> Seen { get; } = [];
    public Action<Simulation, Event>? OnEvent { get; init; }

    public void Handle(in Event e)
    {
        Seen.Add(e);
        OnEvent?.Invoke(sim, e);
    }
}

/// <summary>A small deterministic world: entities tick at random intervals; each tick may cancel the entity's pending
/// timeout and arms a new one, so schedules, cancellations and skips all happen. Draws come from named streams.</summary>
internal sealed class ChurnWorld : IEventHandler
{
    public const int Tick = 1, Timeout = 2;
    private readonly Simulation _sim;
    private readonly Xoshiro256 _ticks;
    private readonly Xoshiro256 _timeouts;
    private readonly EventHandle[] _pending;

    public ChurnWorld(Simulation sim, int entities)
    {
        _sim = sim;
        _ticks = new Xoshiro256(0);
        _timeouts = new Xoshiro256(0);
        _pending = new EventHandle[entities];
    }

    public long TimeoutsFired { get; private set; }

    /// <summary>Resets the simulation and the streams for one replication and schedules the first ticks.</summary>
    public void Start(ulong seed, int replication)
    {
        _sim.Reset();
        RandomStreams.Reseed(_ticks, seed, replication, "churn.ticks");
        RandomStreams.Reseed(_timeouts, seed, replication, "churn.timeouts");
        TimeoutsFired = 0;
        for (int i = 0; i < _pending.Length; i++)
        {
            _pending[i] = EventHandle.None;
            _sim.Schedule(new SimTime(_ticks.Next(10_000)), Tick, i);
        }
    }

    public void Handle(in Event e)
    {
        if (e.Kind == Timeout)
        {
            TimeoutsFired++;
            return;
        }
        if (_timeouts.Next(2) == 0) _sim.Cancel(_pending[e.Target]);
        _pending[e.Target] = _sim.ScheduleAfter(new SimDuration(_timeouts.Next(5_000)), Timeout, e.Target, e.Arg + 1);
        _sim.ScheduleAfter(new SimDuration(_ticks.Next(1_000)), Tick, e.Target, e.Arg + 1);
    }
}

/// <summary>The hold model through the simulation: every event reschedules itself after a pre-drawn delay.</summary>
internal struct HoldHandler(Simulation sim, long[] delays) : IEventHandler
{
    private int _next;

    public void Handle(in Event e) =>
        sim.ScheduleAfter(new SimDuration(delays[_next++ & (delays.Length - 1)]), e.Kind, e.Target, e.Arg);
}
