using System.Diagnostics;
using Chain.Client;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Bench;

/// <summary>
/// Follows final blocks as a client sees them: polls the status, notes when each height was first seen final
/// (on the benchmark's clock), and reads each new block to find the watched transactions and their receipts.
/// </summary>
internal sealed class FinalityWatcher(ChainClient client, Stopwatch clock, IReadOnlySet<Hash32> watched, ulong afterHeight)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    /// <summary>Watched transaction -> (height, seconds on the clock when its block was first seen final).</summary>
    public Dictionary<Hash32, (ulong Height, double SeenSeconds)> Final { get; } = [];

    public List<(Hash32 Hash, ReceiptStatus Status)> Failed { get; } = [];

    public ulong LastHeight { get; private set; } = afterHeight;

    public int Blocks { get; private set; }

    public async Task RunAsync(Action<int> progress, TimeSpan timeout)
    {
        var limit = Stopwatch.StartNew();
        while (Final.Count + Failed.Count < watched.Count)
        {
            if (limit.Elapsed > timeout)
            {
                throw new TimeoutException($"{watched.Count - Final.Count - Failed.Count} of {watched.Count} transactions not final after {timeout.TotalSeconds:0} s");
            }

            var height = (await client.GetStatusAsync()).Height;
            var seen = clock.Elapsed.TotalSeconds;
            if (height == LastHeight)
            {
                await Task.Delay(Poll);
                continue;
            }

            for (var h = LastHeight + 1; h <= height; h++)
            {
                var block = await client.GetBlockAsync(h);
                var found = 0;
                for (var i = 0; i < block.Transactions.Count; i++)
                {
                    var hash = block.Transactions[i].Hash;
                    if (!watched.Contains(hash))
                    {
                        continue;
                    }

                    found++;
                    if (block.Receipts[i].Status == ReceiptStatus.Success)
                    {
                        Final[hash] = (h, seen);
                    }
                    else
                    {
                        Failed.Add((hash, block.Receipts[i].Status));
                    }
                }

                Blocks += found > 0 ? 1 : 0;
                progress(found);
            }

            LastHeight = height;
        }
    }
}
