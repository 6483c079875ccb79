namespace DeploySim.Engine;

/// <summary>Runs independent replications serially or in parallel, returning results in replication order.</summary>
/// <remarks>Each worker thread gets its own worker state (a world and its queue) created once and reused for every
/// replication it runs, so a parallel run prints exactly what a serial run prints.</remarks>
public static class Replications
{
    /// <summary>Runs replications 0..count-1. <paramref name="degreeOfParallelism"/> ≤ 0 means all cores.</summary>
    public static TResult[] Run<TWorker, TResult>(
        int count,
        Func<TWorker> createWorker,
        Func<TWorker, int, TResult> runOne,
        int degreeOfParallelism = 0,
        Action<int>? onCompleted = null,
        CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return [];
        var results = new TResult[count];
        int degree = degreeOfParallelism <= 0 ? Environment.ProcessorCount : degreeOfParallelism;
        if (degree == 1 || count <= 1)
        {
            var worker = createWorker();
            for (int i = 0; i < count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                results[i] = runOne(worker, i);
                onCompleted?.Invoke(i);
            }
            return results;
        }
        int next = -1;
        var threads = new Thread[Math.Min(degree, count)];
        Exception? failure = null;
        for (int t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                try
                {
                    var worker = createWorker();
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count && Volatile.Read(ref failure) is null && !cancellation.IsCancellationRequested)
                    {
                        results[i] = runOne(worker, i);
                        onCompleted?.Invoke(i);
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref failure, ex, null);
                }
            }, maxStackSize: 16 * 1024 * 1024) { IsBackground = true, Name = $"replication-worker-{t}" };
            threads[t].Start();
        }
        foreach (var th in threads) th.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        cancellation.ThrowIfCancellationRequested();
        return results;
    }
}
