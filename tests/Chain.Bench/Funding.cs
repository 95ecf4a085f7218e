using Chain.Client;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Bench;

/// <summary>
/// Funds many addresses from one key, outside any timing. A sender may queue at most 63 nonces ahead, so each
/// sender sends in rounds of <see cref="PerRound"/> and waits for the round's last transfer to be final (and
/// successful) before the next. Many targets go through distributors: the faucet funds about sqrt(N) fresh
/// keys, which then fund their share of the targets side by side.
/// </summary>
internal sealed class Funding(IReadOnlyList<ChainClient> clients, string chainId, ulong fee, Action<int> progress)
{
    public const int PerRound = 60;
    private const int DirectLimit = PerRound * 4;
    private const int ConcurrentSenders = 200;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Sends <paramref name="amount"/> to every target; returns the number of transfers signed by the source (its nonce advance).</summary>
    public async Task<int> FundAsync(KeyPair source, IReadOnlyList<Address> targets, ulong amount)
    {
        if (targets.Count <= DirectLimit)
        {
            await SendAsync(clients[0], source, [.. targets.Select(t => (t, amount))], report: true);
            return targets.Count;
        }

        var distributorCount = (int)Math.Ceiling(Math.Sqrt(targets.Count));
        var shares = targets.Chunk((int)Math.Ceiling(targets.Count / (double)distributorCount)).ToArray();
        var distributors = shares.Select(_ => KeyPair.Generate()).ToArray();
        try
        {
            var perDistributor = shares.Select(s => checked((ulong)s.Length * (amount + fee))).ToArray();
            await SendAsync(clients[0], source, [.. distributors.Select((d, i) => (d.Address, perDistributor[i]))], report: false);
            using var gate = new SemaphoreSlim(ConcurrentSenders);
            await Task.WhenAll(shares.Select(async (share, i) =>
            {
                await gate.WaitAsync();
                try
                {
                    await SendAsync(clients[i % clients.Count], distributors[i], [.. share.Select(t => (t, amount))], report: true);
                }
                finally
                {
                    gate.Release();
                }
            }));
            return distributors.Length;
        }
        finally
        {
            foreach (var d in distributors)
            {
                d.Dispose();
            }
        }
    }

    private async Task SendAsync(ChainClient client, KeyPair sender, IReadOnlyList<(Address To, ulong Amount)> transfers, bool report)
    {
        var nonce = (await client.GetBalanceAsync(sender.Address)).Nonce;
        foreach (var round in transfers.Chunk(PerRound))
        {
            var signed = round.Select(t => new Transaction(chainId, nonce++, sender.PublicKey, fee, new Transfer(t.To, t.Amount)).Sign(sender)).ToArray();
            var results = await client.SubmitBatchRawAsync([.. signed.Select(s => s.Encode())]);
            if (results.FirstOrDefault(r => !r.Accepted) is { } refused)
            {
                throw new InvalidOperationException($"funding from {sender.Address}: {ChainClient.Rejection(refused).Message}");
            }

            var last = await client.WaitForTransactionAsync(signed[^1].Hash, RoundTimeout);
            if (last.Inclusion is not { Receipt.Status: ReceiptStatus.Success })
            {
                throw new InvalidOperationException($"funding from {sender.Address}: transfer nonce {signed[^1].Body.Nonce} is {last.Status}, receipt {last.Inclusion?.Receipt.Status}");
            }

            if (report)
            {
                progress(signed.Length);
            }
        }
    }
}
