using DeploySim.Metrics;
using DeploySim.Planning;
using DeploySim.Reporting;
using DeploySim.Scenarios;
using DeploySim.Tests.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>issue 12 item 11: <c>plan</c> measures the rollout, not the run (docs/model.md#worker-count-and-packing).</summary>
public sealed class PlanTests
{
    private static Scenario ScaleOut(string horizon) =>
        ScenarioLoader.Load(Path.Combine(ScenarioTestSupport.ScenariosDirectory, "scale-out-during-deploy.yaml"), [$"horizon={horizon}", "replications=2"]);

    [Test]
    public void Plan_IsTheSameAtHorizon6hAnd12h()
    {
        // Workers grow 20 MiB an hour: measured to the horizon, the longer run would allow fewer workers.
        var six = PackingPlanner.Plan(ScaleOut("6h"), StrategyKind.InPlace, 8192, 2000, 1);
        var twelve = PackingPlanner.Plan(ScaleOut("12h"), StrategyKind.InPlace, 8192, 2000, 1);
        Assert.That(six.MaxSafeWorkers, Is.GreaterThan(0));
        Assert.That(JsonReport.Plan([twelve]), Is.EqualTo(JsonReport.Plan([six])));
    }

    [Test]
    public void Plan_AFailedRollout_IsNeverSafe_AndTheRowSaysWhy()
    {
        // The article's blue/green: a replacement's OpsWorks setup can outlast the OpsWorks wait (WAITER_TIMED_OUT).
        var s = ScenarioLoader.Load(Path.Combine(ScenarioTestSupport.ScenariosDirectory, "article-final-flow.yaml"), ["replications=10"]);
        var row = PackingPlanner.Plan(s, StrategyKind.BlueGreen, 8192, 600, 1);
        Assert.Multiple(() =>
        {
            Assert.That(row.MaxSafeWorkers, Is.Zero);
            Assert.That(row.SuccessRate, Is.GreaterThan(0).And.LessThan(1));
            Assert.That(row.Outcome, Does.StartWith("rollout failed in ").And.Contain(FailureReasons.WaiterTimedOut));
            Assert.That(row.PeakMemoryPct.Max, Is.GreaterThan(0), "the peak memory of one worker's rollouts");
        });
    }

    [Test]
    public void Plan_PeakMemoryAtOrAboveTheHeadroom_IsNotSafe()
    {
        var s = ScaleOut("6h");
        int at10 = PackingPlanner.MaxSafeWorkers(PackingPlanner.CellScenario(s, StrategyKind.InPlace, 8192, 600), 1);
        int at30 = PackingPlanner.MaxSafeWorkers(PackingPlanner.CellScenario(s, StrategyKind.InPlace, 8192, 600), 1, headroomPct: 30);
        Assert.That(at30, Is.LessThan(at10));
        var row = PackingPlanner.Plan(s, StrategyKind.InPlace, 8192, 600, 1, headroomPct: 30);
        Assert.That(row.PeakMemoryPct.Max, Is.LessThan(70));
    }

    [Test]
    public void PlanRow_RolloutTime_SummarisesTheSuccessesOnly()
    {
        ReplicationResult R(DeploymentOutcome o, double seconds) => new() { Outcome = o, RolloutSeconds = seconds, RolloutPeakMemoryPct = 50 };
        var search = new PlanSearch(8, 12, [R(DeploymentOutcome.Succeeded, 100), R(DeploymentOutcome.Succeeded, 300), R(DeploymentOutcome.Failed, 40_000)]);
        var row = PackingPlanner.RowOf(StrategyKind.InPlace, 8192, search);
        Assert.Multiple(() =>
        {
            Assert.That(row.RolloutSeconds.Max, Is.EqualTo(300));
            Assert.That(row.SuccessRate, Is.EqualTo(2 / 3.0).Within(1e-12));
            Assert.That(row.Outcome, Is.EqualTo($"rollout failed in 1 of 3 ({FailureReasons.Unknown})"));
        });
    }

    [Test]
    public void PlanJson_CarriesPeakMemoryPctAndSuccessRate()
    {
        var json = JsonReport.Plan([PackingPlanner.Plan(ScaleOut("6h"), StrategyKind.GracefulRestart, 8192, 600, 1)]);
        Assert.That(json, Does.Contain("\"peakMemoryPct\": {").And.Contain("\"successRate\": 1").And.Contain("\"outcome\": \"safe\""));
    }
}
