using BenchmarkDotNet.Attributes;
using DeploySim.Engine;

namespace DeploySim.Benchmarks.Engine;

/// <summary>Dispatch throughput of <see cref="Simulation.Run{THandler}(ref THandler, SimTime, long, CancellationToken)"/>:
/// a struct handler reschedules every event after a pre-drawn increment (the hold model through the whole run loop:
/// dequeue, clock, fingerprint, handler call, <see cref="Simulation.ScheduleAfter"/>). Reported time is per event. The
/// baseline is the <see cref="ReferenceWorkload"/> (not the BCL queue at the same size: at 100,000 events that one's time
/// follows other processes' memory traffic, by up to 2x on the shared machine).</summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Full]
[MinColumn, MedianColumn]
public class SimulationBenchmarks
{
    public const int Events = 100_000;

    private Simulation _simulation = new();
    private Rescheduler _handler;
    private PriorityQueueHold? _reference;

    [Params(1_000, 100_000)]
    public int Pending { get; set; }

    [GlobalSetup(Target = nameof(Reference_PriorityQueueHold))]
    public void SetUpReference() => _reference = ReferenceWorkload.Create();

    [GlobalSetup(Target = nameof(Dispatch_HoldModel))]
    public void SetUp()
    {
        var increments = HoldIncrements.Create();
        _simulation = new Simulation(Pending);
        for (int i = 0; i < Pending; i++) _simulation.Schedule(new SimTime(increments[i & (HoldIncrements.Count - 1)]), 1, i);
        _handler = new Rescheduler(_simulation, increments);
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _reference = null;
        _simulation = new();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ReferenceWorkload.Holds)]
    public long Reference_PriorityQueueHold() => _reference!.Hold(ReferenceWorkload.Holds);

    [Benchmark(OperationsPerInvoke = Events)]
    public StopReason Dispatch_HoldModel() => _simulation.Run(ref _handler, SimTime.MaxValue, Events);

    private struct Rescheduler(Simulation simulation, long[] increments) : IEventHandler
    {
        private int _next;

        public void Handle(in Event e) =>
            simulation.ScheduleAfter(new SimDuration(increments[_next++ & (HoldIncrements.Count - 1)]), e.Kind, e.Target, e.Arg);
    }
}
