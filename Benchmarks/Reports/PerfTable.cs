using System.Globalization;
using System.Text.Json;
using DeploySim.Benchmarks.Engine;
using DeploySim.Benchmarks.Gate;
using DeploySim.Benchmarks.Model;
using DeploySim.Benchmarks.Scenarios;

namespace DeploySim.Benchmarks.Reports;

/// <summary><c>--perf-table [DIR]</c>: the README's performance section as Markdown, from what <c>scripts/perf-table.sh</c>
/// leaves under DIR: <c>cpu*/gate-results.json</c> (every benchmark with the gate's job: CPU time, exact allocations; with
/// several runs each figure is the least time of them) and BenchmarkDotNet's JSON under <c>elapsed/</c> (the Monte Carlo
/// batch in elapsed time, with <c>elapsed/cores</c>: the cores the process got just before and after). Event counts per operation are
/// deterministic and are counted here by running each workload once (<see cref="EventCounts"/>), a few seconds.</summary>
public static class PerfTable
{
    public const string DefaultDirectory = "BenchmarkDotNet.Artifacts/perf";

    public static int Print(string dir, TextWriter output, TextWriter error)
    {
        var runs = Directory.Exists(dir)
            ? Directory.EnumerateDirectories(dir, "cpu*").Select(d => Path.Combine(d, GateResults.FileName)).Where(File.Exists).Order(StringComparer.Ordinal).Select(GateResults.Read).ToList()
            : [];
        if (runs.Count == 0)
        {
            error.WriteLine($"--perf-table: no {Path.Combine(dir, "cpu*", GateResults.FileName)}: run scripts/perf-table.sh (or --measure --artifacts {Path.Combine(dir, "cpu")})");
            return 1;
        }
        var gate = runs[0] with
        {
            Results = [.. runs.SelectMany(r => r.Results).Where(r => !r.Failed).GroupBy(r => r.Name, StringComparer.Ordinal)
                .Select(g => g.MinBy(r => r.NanosecondsPerOperation)!)],
        };
        var byName = gate.Results.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var elapsed = ReadElapsed(Path.Combine(dir, "elapsed"));
        string cores = File.Exists(Path.Combine(dir, "elapsed", "cores")) ? string.Join(" and ", File.ReadAllLines(Path.Combine(dir, "elapsed", "cores")).Where(l => l.Length > 0)) : "";

        var o = output;
        o.WriteLine($"Measured on {gate.Cpu}, nproc {gate.Nproc}, {gate.Runtime}, {gate.Os}, {string.Join(" and ", runs.Select(r => r.Measured))}:");
        o.WriteLine($"a shared machine with other work running (load average {string.Join("; ", runs.Select(r => $"{r.LoadAverageBefore} before, {r.LoadAverageAfter} after"))}).");
        o.WriteLine($"Times are CPU time per operation, the least of {GateJob.IterationCount} iterations{(runs.Count > 1 ? $" and of {runs.Count} runs" : "")}, in-process, without dynamic PGO (the");
        o.WriteLine("gate's job, `--measure`), so that other processes' time slices are not counted; events/s is per core. Allocations are");
        o.WriteLine("exact bytes per warm operation. Regenerate with `scripts/perf-table.sh`.");
        o.WriteLine();

        o.WriteLine("Event queue, hold model (one hold = one dequeue and one enqueue = one event):");
        o.WriteLine();
        o.WriteLine("| pending events | `PriorityQueue<,>` (time, seq) ns/event | events/s | `EventQueue` ns/event | events/s | speed-up | bytes/event |");
        o.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var pending in new[] { 1_000, 100_000, 1_000_000 })
        {
            if (!byName.TryGetValue($"{nameof(EventQueueBenchmarks)}.{nameof(EventQueueBenchmarks.Hold_PriorityQueue)}(Pending={pending})", out var pq)
                || !byName.TryGetValue($"{nameof(EventQueueBenchmarks)}.{nameof(EventQueueBenchmarks.Hold_EventQueue)}(Pending={pending})", out var eq)) continue;
            o.WriteLine($"| {pending:N0} | {Ns(pq.NanosecondsPerOperation)} | {Rate(pq.NanosecondsPerOperation)} | {Ns(eq.NanosecondsPerOperation)} | {Rate(eq.NanosecondsPerOperation)} | {X(pq.NanosecondsPerOperation / eq.NanosecondsPerOperation)} | {pq.BytesPerOperation} / {eq.BytesPerOperation} |");
        }
        o.WriteLine();

        var dispatch = gate.Results.Where(r => r.Name.StartsWith($"{nameof(SimulationBenchmarks)}.{nameof(SimulationBenchmarks.Dispatch_HoldModel)}", StringComparison.Ordinal) && !r.Failed).ToList();
        if (dispatch.Count > 0)
        {
            o.WriteLine("Run loop (`Simulation.Run` dispatching the hold model to a struct handler: dequeue, clock, fingerprint, handler, schedule):");
            o.WriteLine();
            o.WriteLine("| pending events | ns/event | events/s | bytes/event |");
            o.WriteLine("|---:|---:|---:|---:|");
            foreach (var r in dispatch)
                o.WriteLine($"| {int.Parse(BenchmarkId.Parse(r.Name).Parameter("Pending") ?? "0", CultureInfo.InvariantCulture):N0} | {Ns(r.NanosecondsPerOperation)} | {Rate(r.NanosecondsPerOperation)} | {r.BytesPerOperation ?? 0} |");
            o.WriteLine();
        }

        var scenarios = gate.Results.Where(r => r.Name.StartsWith($"{nameof(ScenarioBenchmarks)}.{nameof(ScenarioBenchmarks.Run)}(", StringComparison.Ordinal) && !r.Failed).ToList();
        if (scenarios.Count > 0)
        {
            o.WriteLine("Shipped scenarios, one replication (replication 0, on a reused world, no detail recording):");
            o.WriteLine();
            o.WriteLine("| scenario | events/replication | ns/event | events/s | replications/s per core | bytes/replication | bytes/event |");
            o.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in scenarios)
            {
                var id = BenchmarkId.Parse(r.Name);
                long events = EventCounts.PerOperation(id) ?? 0;
                o.WriteLine($"| `{id.Parameter(nameof(ScenarioBenchmarks.File))}` | {events:N0} | {Ns(r.NanosecondsPerOperation / events)} | {Rate(r.NanosecondsPerOperation / events)} | {1e9 / r.NanosecondsPerOperation:N0} | {r.BytesPerOperation:N0} | {PerEvent(r.BytesPerOperation, events)} |");
            }
            o.WriteLine();
        }

        o.WriteLine("The full model on 1,000 instances (targets checked every 5 s, traffic; `Benchmarks/Model/BenchmarkScenarios.cs`):");
        o.WriteLine();
        o.WriteLine("| benchmark | events/run | ms/run | events/s | bytes/run | bytes/event |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var method in new[] { nameof(RolloutBenchmarks.InPlace_OneAtATime_1000), nameof(RolloutBenchmarks.InPlace_HalfAtATime_1000_TwoGroups), nameof(RolloutBenchmarks.FreshWorld_HalfAtATime_1000_TwoGroups) })
        {
            if (!byName.TryGetValue($"{nameof(RolloutBenchmarks)}.{method}", out var r)) continue;
            long events = EventCounts.PerOperation(BenchmarkId.Parse(r.Name)) ?? 0;
            o.WriteLine($"| `{method}` | {events:N0} | {r.NanosecondsPerOperation / 1e6:N0} | {Rate(r.NanosecondsPerOperation / events)} | {r.BytesPerOperation:N0} | {PerEvent(r.BytesPerOperation, events)} |");
        }
        if (byName.TryGetValue($"{nameof(RolloutBenchmarks)}.{nameof(RolloutBenchmarks.FreshWorld_HalfAtATime_1000_TwoGroups)}", out var fresh))
            o.WriteLine($"\nMemory per simulated instance (a new world's allocation over its 1,000 instances): {fresh.BytesPerOperation / 1000.0:N0} bytes.");
        o.WriteLine();

        byName.TryGetValue($"{nameof(RolloutBenchmarks)}.{nameof(RolloutBenchmarks.MonteCarlo_100x100_Serial)}", out var serial);
        byName.TryGetValue($"{nameof(RolloutBenchmarks)}.{nameof(RolloutBenchmarks.MonteCarlo_100x100_Parallel)}", out var parallel);
        if (serial is not null && parallel is not null)
        {
            long events = EventCounts.PerOperation(BenchmarkId.Parse(serial.Name)) ?? 0;
            elapsed.TryGetValue(nameof(RolloutBenchmarks.MonteCarlo_100x100_Serial), out var es);
            elapsed.TryGetValue(nameof(RolloutBenchmarks.MonteCarlo_100x100_Parallel), out var ep);
            o.WriteLine($"Monte Carlo batch: 100 replications of a 100-instance fleet ({events:N0} events). CPU time is every thread's. Elapsed time is");
            o.WriteLine("BenchmarkDotNet's short job (in-process, dynamic PGO on), median, so it depends on what else the machine was running");
            o.WriteLine($"{(cores.Length > 0 ? $"(cores the process got, spinning one thread per core, just before and after: {cores})" : "")}:");
            o.WriteLine();
            o.WriteLine("| batch | CPU s/batch | events/s per core | elapsed s/batch | replications/s | speed-up |");
            o.WriteLine("|---|---:|---:|---:|---:|---:|");
            o.WriteLine($"| serial (1 thread) | {serial.NanosecondsPerOperation / 1e9:N2} | {Rate(serial.NanosecondsPerOperation / events)} | {Seconds(es)} | {Reps(es)} | |");
            o.WriteLine($"| parallel ({gate.Nproc} threads) | {parallel.NanosecondsPerOperation / 1e9:N2} | {Rate(parallel.NanosecondsPerOperation / events)} | {Seconds(ep)} | {Reps(ep)} | {(es > 0 && ep > 0 ? X(es / ep) : "-")} |");
        }
        return 0;
    }

    /// <summary>Median elapsed nanoseconds per operation by method name, from BenchmarkDotNet's full JSON reports under <paramref name="dir"/>.</summary>
    private static Dictionary<string, double> ReadElapsed(string dir)
    {
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!Directory.Exists(dir)) return medians;
        foreach (var file in Directory.EnumerateFiles(dir, "*-report-full.json", SearchOption.AllDirectories))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var b in json.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                if (b.TryGetProperty("Statistics", out var stats) && stats.ValueKind == JsonValueKind.Object)
                    medians[b.GetProperty("Method").GetString()!] = stats.GetProperty("Median").GetDouble();
            }
        }
        return medians;
    }

    private static string Ns(double ns) => ns >= 100 ? ns.ToString("N0", CultureInfo.InvariantCulture) : ns.ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>Events (or operations) per second from nanoseconds per event, in millions.</summary>
    private static string Rate(double ns) => $"{1e3 / ns:N1} M";

    private static string X(double ratio) => $"{ratio:N1}×";

    private static string PerEvent(long? bytes, long events) => events == 0 || bytes is null ? "-" : (bytes.Value / (double)events).ToString("G2", CultureInfo.InvariantCulture);

    private static string Seconds(double ns) => ns > 0 ? (ns / 1e9).ToString("N2", CultureInfo.InvariantCulture) : "-";

    private static string Reps(double ns) => ns > 0 ? (100 / (ns / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-";
}
