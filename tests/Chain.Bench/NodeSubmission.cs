using System.Diagnostics;
using Chain.Client;
using Chain.Protocol.Transactions;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// One submission run of the <c>node</c> benchmark: pre-signed transfers in batches over the client connections
/// (batch b on connection b mod C), optionally paced at an offered rate, while a <see cref="FinalityWatcher"/>
/// follows final blocks until every transfer is final.
/// </summary>
internal static class NodeSubmission
{
    /// <summary>
    /// Returns when each transfer was submitted (seconds on the watcher's clock), the watcher, and the CPU time that the
    /// load generator (this process) and <paramref name="nodeCpu"/> (the node's process, when the tool runs it) used
    /// between the first submission and the last final block.
    /// </summary>
    public static async Task<(double[] Submitted, FinalityWatcher Watcher, CpuUse Cpu)> RunAsync(
        List<ChainClient> clients, SignedTransaction[] signed, int batch, int rate, ulong startHeight, string submitLabel, string finalLabel, Func<TimeSpan>? nodeCpu)
    {
        (double[], FinalityWatcher, CpuUse) result = default;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var sent = progress.AddTask(submitLabel, maxValue: signed.Length);
            var final = progress.AddTask(finalLabel, maxValue: signed.Length);
            var self = System.Diagnostics.Process.GetCurrentProcess();
            var (node0, self0) = (nodeCpu?.Invoke(), self.TotalProcessorTime);
            var (submitted, watcher) = await RunQuietAsync(clients, signed, batch, rate, startHeight, n => sent.Increment(n), n => final.Increment(n));
            self.Refresh();
            result = (submitted, watcher, new CpuUse(nodeCpu?.Invoke() - node0, self.TotalProcessorTime - self0));
        });
        return result;
    }

    /// <summary>The same run without a progress display; the callbacks count submitted and final transfers.</summary>
    public static async Task<(double[] Submitted, FinalityWatcher Watcher)> RunQuietAsync(
        List<ChainClient> clients, SignedTransaction[] signed, int batch, int rate, ulong startHeight, Action<int> onSent, Action<int> onFinal)
    {
        var clock = new Stopwatch();
        var submitted = new double[signed.Length];
        var watcher = new FinalityWatcher(clients[0], clock, signed.Select(t => t.Hash).ToHashSet(), startHeight);
        clock.Start();
        var watching = watcher.RunAsync(onFinal, TimeSpan.FromSeconds(60 + (signed.Length / 100)));
        var batches = Enumerable.Range(0, (signed.Length + batch - 1) / batch).ToArray();
        await Task.WhenAll(Enumerable.Range(0, clients.Count).Select(c => Task.Run(async () =>
        {
            foreach (var b in batches.Where(b => b % clients.Count == c))
            {
                var first = b * batch;
                var count = Math.Min(batch, signed.Length - first);
                if (rate > 0 && (double)first / rate - clock.Elapsed.TotalSeconds is var wait and > 0)
                {
                    // Pacing of the offered load (the load generator's clock, not the chain's).
                    await Task.Delay(TimeSpan.FromSeconds(wait));
                }

                var at = clock.Elapsed.TotalSeconds;
                var results = await clients[c].SubmitBatchRawAsync([.. signed.Skip(first).Take(count).Select(t => t.Encode())]);
                if (results.FirstOrDefault(r => !r.Accepted) is { } refused)
                {
                    throw new InvalidOperationException($"a benchmark transfer was refused: {ChainClient.Rejection(refused).Message}");
                }

                Array.Fill(submitted, at, first, count);
                onSent(count);
            }
        })));
        await watching;
        return (submitted, watcher);
    }
}

/// <summary>CPU time (all threads, user and kernel) over a timed run: the node's, when known, and the load generator's.</summary>
internal readonly record struct CpuUse(TimeSpan? Node, TimeSpan LoadGenerator);
