using BenchmarkDotNet.Attributes;
using DeploySim.Benchmarks.Engine;
using DeploySim.Benchmarks.Model;
using DeploySim.Scenarios;

namespace DeploySim.Benchmarks.Scenarios;

/// <summary>One replication of each shipped scenario (<c>scenarios/*.yaml</c>, loaded once per case with
/// <see cref="ScenarioLoader"/>) per invocation, on a reused <see cref="DeploySim.Model.World"/>: replication 0 every time, so each
/// invocation dispatches the same events. The baseline is the <see cref="ReferenceWorkload"/>, run next to each scenario.</summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Full]
[Config(typeof(ModelBenchmarkConfig))]
public class ScenarioBenchmarks
{
    private readonly DeploySim.Model.World _world = new();
    private Scenario? _scenario;
    private PriorityQueueHold? _reference;
    private DeploySim.Model.World[]? _fleetWorlds;           // a scenario with fleets or a pipeline: one kept world per fleet

    /// <summary>The scenario's file name under <c>scenarios/</c>.</summary>
    [ParamsSource(nameof(Files))]
    public string File { get; set; } = "";

    /// <summary>Every shipped scenario, by file name: a new file is benchmarked without editing this class.</summary>
    public static IEnumerable<string> Files => ScenarioFiles.Names();

    [GlobalSetup(Target = nameof(Reference_PriorityQueueHold))]
    public void SetUpReference() => _reference = ReferenceWorkload.Create();

    [GlobalSetup(Target = nameof(Run))]
    public void SetUp()
    {
        _scenario = ScenarioFiles.Load(File);
        _fleetWorlds = _scenario.Pipeline is not null || _scenario.NamedFleets ? DeploySim.Running.Runner.WorldsFor(_scenario) : null;
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _reference = null;
        _scenario = null;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ReferenceWorkload.Holds)]
    public long Reference_PriorityQueueHold() => _reference!.Hold(ReferenceWorkload.Holds);

    /// <summary>Replication 0 of the scenario, without detail recording.</summary>
    [Benchmark, Gate.ReturnsEventCount]
    public long Run()
    {
        if (_fleetWorlds is not null) return DeploySim.Running.Runner.RunOn(_scenario!, _fleetWorlds, 0).Combined.EventsProcessed;
        _world.Reset(_scenario!, 0, recordDetail: false);
        return _world.Run().EventsProcessed;
    }
}

/// <summary>The shipped scenario files.</summary>
public static class ScenarioFiles
{
    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(RepositoryPaths.Scenarios, "*.yaml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);

    public static Scenario Load(string name) => ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, name));
}
