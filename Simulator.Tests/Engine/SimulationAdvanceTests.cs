using DeploySim.Engine;

namespace DeploySim.Tests.Engine;

public sealed class SimulationAdvanceTests
{
    private sealed class Nothing : IEventHandler
    {
        public void Handle(in Event e) { }
    }

    [Test]
    public void AdvanceTo_AfterAnEmptyRun_MovesTheClockAndKeepsSchedulingLegal()
    {
        var sim = new Simulation();
        sim.Schedule(SimTime.FromSeconds(5), 0, 0);
        Assert.That(sim.Run(new Nothing(), SimTime.FromSeconds(100)), Is.EqualTo(StopReason.Empty));
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(5)));
        sim.AdvanceTo(SimTime.FromSeconds(100));
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(100)));
        Assert.DoesNotThrow(() => sim.Schedule(SimTime.FromSeconds(100), 0, 0));
    }

    [Test]
    public void AdvanceTo_PastAPendingEvent_Throws()
    {
        var sim = new Simulation();
        sim.Schedule(SimTime.FromSeconds(5), 0, 0);
        Assert.Throws<InvalidOperationException>(() => sim.AdvanceTo(SimTime.FromSeconds(10)));
    }
}
