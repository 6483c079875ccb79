namespace DeploySim.Benchmarks.Gate;

/// <summary>Checks <see cref="BaselineComparer"/> on synthetic numbers (<c>--self-test</c>; <c>--check</c> runs it first).
/// The Benchmarks project is not a test project: these are its tests.</summary>
public static class SelfTest
{
    private static Baseline Base(long allocationTolerance = 64) => new()
    {
        RatioTolerance = 0.15,
        AllocationToleranceBytes = allocationTolerance,
        Benchmarks = new(StringComparer.Ordinal)
        {
            ["Q.Hold(Pending=1000)"] = new() { Reference = "Q.Ref(Pending=1000)", Ratio = 2.0, BytesPerOperation = 0 },
            ["Q.Ref(Pending=1000)"] = new() { BytesPerOperation = 0 },
            ["M.Parallel"] = new() { Reference = "M.Ref", Ratio = 0.01, BytesPerOperation = 100_000, AllocationToleranceBytes = 4096 },
        },
    };

    private static List<GateResult> Run(double holdRatio = 2.0, long holdBytes = 0, double parallelRatio = 0.01, long parallelBytes = 100_000) =>
    [
        new("Q.Hold(Pending=1000)", "Q.Ref(Pending=1000)", 50, holdRatio, holdBytes),
        new("Q.Ref(Pending=1000)", null, 100, null, 0),
        new("M.Parallel", "M.Ref", 1e9, parallelRatio, parallelBytes),
    ];

    /// <summary>Runs every check; writes failures to <paramref name="log"/>; returns the number that failed.</summary>
    public static int Run(TextWriter log, bool verbose = true)
    {
        int failed = 0, passed = 0;
        void Expect(string name, Comparison c, bool pass, params string[] mentions)
        {
            string text = string.Join("\n", c.Findings.Where(f => f.IsFailure));
            bool ok = c.Passed == pass && mentions.All(m => text.Contains(m, StringComparison.Ordinal));
            if (ok) passed++;
            else
            {
                failed++;
                log.WriteLine($"self-test FAILED: {name}: expected {(pass ? "pass" : "fail")} mentioning [{string.Join(", ", mentions)}]; got {(c.Passed ? "pass" : "fail")}:");
                foreach (var f in c.Findings) log.WriteLine($"  {f.Kind}: {f}");
            }
        }

        Expect("identical run passes", BaselineComparer.Compare(Base(), Run(), requireAll: true), pass: true);
        Expect("ratio down 14.9 % passes", BaselineComparer.Compare(Base(), Run(holdRatio: 2.0 * 0.851), requireAll: true), pass: true);
        Expect("ratio down 16 % fails, naming benchmark, old and new ratio",
            BaselineComparer.Compare(Base(), Run(holdRatio: 1.68), requireAll: true), pass: false, "Q.Hold(Pending=1000)", "2 -> 1.68", "-16.0 %");
        Expect("ratio up 50 % passes (improvement)", BaselineComparer.Compare(Base(), Run(holdRatio: 3.0), requireAll: true), pass: true);
        Expect("allocation +64 B passes", BaselineComparer.Compare(Base(), Run(holdBytes: 64), requireAll: true), pass: true);
        Expect("allocation +65 B fails", BaselineComparer.Compare(Base(), Run(holdBytes: 65), requireAll: true), pass: false, "Q.Hold(Pending=1000)", "0 -> 65 B/op");
        Expect("allocation decrease passes", BaselineComparer.Compare(Base(), Run(parallelBytes: 50_000), requireAll: true), pass: true);
        Expect("per-benchmark allocation tolerance applies", BaselineComparer.Compare(Base(), Run(parallelBytes: 104_096), requireAll: true), pass: true);
        Expect("per-benchmark allocation tolerance is a limit", BaselineComparer.Compare(Base(), Run(parallelBytes: 104_097), requireAll: true), pass: false, "M.Parallel", "+4096 B");
        Expect("a tiny ratio is compared relatively", BaselineComparer.Compare(Base(), Run(parallelRatio: 0.008), requireAll: true), pass: false, "M.Parallel", "0.01 -> 0.008");
        Expect("empty run fails", BaselineComparer.Compare(Base(), [], requireAll: false), pass: false, "no benchmark ran");
        Expect("failed benchmark fails", BaselineComparer.Compare(Base(), [.. Run().Take(2), new GateResult("M.Parallel", "M.Ref", double.NaN, null, null, Failed: true)], requireAll: true),
            pass: false, "M.Parallel", "failed");
        Expect("missing benchmark fails when all were asked for", BaselineComparer.Compare(Base(), Run().Take(2).ToList(), requireAll: true), pass: false, "M.Parallel", "did not run");
        Expect("missing benchmark is skipped under a filter", BaselineComparer.Compare(Base(), Run().Take(2).ToList(), requireAll: false), pass: true);
        Expect("new benchmark passes with a warning", BaselineComparer.Compare(Base(), [.. Run(), new GateResult("S.Run(File=new.yaml)", "S.Ref", 1e6, 0.1, 500)], requireAll: true), pass: true);
        Expect("missing ratio fails", BaselineComparer.Compare(Base(), [new("Q.Hold(Pending=1000)", null, 50, null, 0)], requireAll: false), pass: false, "no ratio");
        Expect("missing allocation measurement fails", BaselineComparer.Compare(Base(), [new("Q.Hold(Pending=1000)", "Q.Ref(Pending=1000)", 50, 2.0, null)], requireAll: false), pass: false, "not measured");

        var counted = Base() with { Benchmarks = new(Base().Benchmarks) { ["M.Run"] = new() { Reference = "M.Ref", Ratio = 0.01, BytesPerOperation = 500, EventsPerOperation = 1000 } } };
        Expect("same events pass", BaselineComparer.Compare(counted, [.. Run(), new GateResult("M.Run", "M.Ref", 1e6, 0.01, 500, EventsPerOperation: 1000)], requireAll: true), pass: true);
        Expect("one event more fails, naming both counts", BaselineComparer.Compare(counted, [.. Run(), new GateResult("M.Run", "M.Ref", 1e6, 0.01, 500, EventsPerOperation: 1001)], requireAll: true),
            pass: false, "M.Run", "1000 -> 1001 events/op");
        Expect("one event fewer fails too", BaselineComparer.Compare(counted, [.. Run(), new GateResult("M.Run", "M.Ref", 1e6, 0.01, 500, EventsPerOperation: 999)], requireAll: true),
            pass: false, "1000 -> 999 events/op");
        Expect("events not measured fail where the baseline has them", BaselineComparer.Compare(counted, [.. Run(), new GateResult("M.Run", "M.Ref", 1e6, 0.01, 500)], requireAll: true),
            pass: false, "events not measured");
        Expect("the deterministic part ignores ratios (none measured)",
            BaselineComparer.Compare(counted, [new GateResult("M.Run", "M.Ref", double.NaN, null, 500, EventsPerOperation: 1000)], requireAll: false, compareRatios: false), pass: true);
        Expect("the deterministic part still fails on bytes",
            BaselineComparer.Compare(counted, [new GateResult("M.Run", "M.Ref", double.NaN, null, 565, EventsPerOperation: 1000)], requireAll: false, compareRatios: false), pass: false, "500 -> 565 B/op");

        var slow = new GateResult("Q.Hold(Pending=1000)", "Q.Ref(Pending=1000)", 60, 1.6, 0);
        Expect("a slower case confirmed by a second slower measurement fails",
            BaselineComparer.Compare(Base(), [BaselineComparer.BetterOf(slow, slow with { Ratio = 1.62 }), .. Run().Skip(1)], requireAll: true), pass: false, "2 -> 1.62");
        Expect("a slower case not confirmed by the second measurement passes",
            BaselineComparer.Compare(Base(), [BaselineComparer.BetterOf(slow, slow with { Ratio = 1.95 }), .. Run().Skip(1)], requireAll: true), pass: true);
        Expect("a second measurement that failed does not confirm or clear anything",
            BaselineComparer.Compare(Base(), [BaselineComparer.BetterOf(slow, slow with { Ratio = null, Failed = true }), .. Run().Skip(1)], requireAll: true), pass: false, "2 -> 1.6");

        var median = GateRun.MedianRatios([Run(holdRatio: 2.2), Run(holdRatio: 1.5, holdBytes: 8), Run(holdRatio: 1.9)]);
        var medianHold = median.Single(r => r.Name == "Q.Hold(Pending=1000)");
        Expect("a baseline keeps the median ratio of three runs and the largest allocation",
            BaselineComparer.Compare(Base(), median, requireAll: true), pass: medianHold.Ratio == 1.9 && medianHold.BytesPerOperation == 8 && !medianHold.Failed && median.Count == 3);
        Expect("a baseline of several runs fails a benchmark that failed or is missing in any",
            BaselineComparer.Compare(Base(), GateRun.MedianRatios([Run(), [.. Run().Take(2)], Run()]), requireAll: true), pass: false, "M.Parallel", "failed");

        var roundTrip = Path.Combine(Path.GetTempPath(), $"deploysim-baseline-{Environment.ProcessId}.json");
        try
        {
            var written = GateRun.ToBaseline(Run(), Base(), merge: false, "machine", "now");
            written.Write(roundTrip);
            var read = Baseline.Read(roundTrip);
            Expect("baseline round-trips and keeps overrides", BaselineComparer.Compare(read, Run(parallelBytes: 104_000), requireAll: true),
                pass: read.Benchmarks["M.Parallel"].AllocationToleranceBytes == 4096 && read.Benchmarks.Count == 3);
        }
        finally
        {
            File.Delete(roundTrip);
        }

        if (verbose || failed > 0) log.WriteLine($"self-test: {passed} passed, {failed} failed");
        return failed;
    }
}
