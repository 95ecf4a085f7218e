using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Grains.Sharding;

/// <summary>A transfer a test signed, and where its value should go.</summary>
internal sealed record SentTransfer(SignedTransaction Tx, KeyPair From, Address To, ulong Amount, ushort SourceShard, ushort DestinationShard);

/// <summary>Submitting transfers through admission and reading what the ledger says of them.</summary>
internal static class ShardedTransfers
{
    public const ulong Fee = 1;

    /// <summary>Signs <paramref name="count"/> transfers per (sender, recipient on another shard) with consecutive nonces from <paramref name="firstNonce"/>.</summary>
    public static List<SentTransfer> Sign(KeyPair[] senders, KeyPair[] recipients, ushort shards, int count = 1, ulong firstNonce = 0)
    {
        var transfers = new List<SentTransfer>();
        for (var s = 0; s < senders.Length; s++)
        {
            var nonce = firstNonce;
            var from = ShardMap.ShardOf(senders[s].Address, shards);
            for (var i = 0; i < count; i++)
            {
                foreach (var recipient in recipients.Where(r => ShardMap.ShardOf(r.Address, shards) != from))
                {
                    var amount = 1_000 + (ulong)(transfers.Count * 7);
                    var tx = new Transaction(BftCluster.ChainId, nonce++, senders[s].PublicKey, Fee, new Transfer(recipient.Address, amount)).Sign(senders[s]);
                    transfers.Add(new SentTransfer(tx, senders[s], recipient.Address, amount, from, ShardMap.ShardOf(recipient.Address, shards)));
                }
            }
        }

        return transfers;
    }

    public static async Task SubmitAsync(BftCluster bft, IEnumerable<SentTransfer> transfers)
    {
        var results = await bft.Client.GetGrain<IAdmissionGrain>(0).SubmitBatchAsync([.. transfers.Select(t => t.Tx.Encode())]);
        Assert.All(results, r => Assert.True(r.Accepted, r.Message));
    }

    /// <summary>Waits until every transfer's debit is final (its value may still be in flight).</summary>
    public static Task<TransactionResult[]> DebitedAsync(BftCluster bft, IReadOnlyList<SentTransfer> transfers) =>
        Polling.UntilAsync(
            async () =>
            {
                var results = await Task.WhenAll(transfers.Select(t => bft.Shard.GetTransactionAsync(t.Tx.Hash.ToArray())));
                return results.All(r => r.Status == TransactionStatus.Final) ? results : null;
            },
            TimeSpan.FromSeconds(60),
            "every transfer final");

    /// <summary>Waits until every transfer's value arrived or came back; each must be final with no leg in flight.</summary>
    public static async Task<TransactionResult[]> SettledAsync(BftCluster bft, IReadOnlyList<SentTransfer> transfers)
    {
        var results = await Task.WhenAll(transfers.Select(t => bft.Shard.WaitForTransactionAsync(t.Tx.Hash.ToArray(), TimeSpan.FromSeconds(25))));
        Assert.All(results, r => Assert.Equal((TransactionStatus.Final, false), (r.Status, r.InFlight)));
        return results;
    }

    /// <summary>The legs' kinds, and each leg's receipt decoded.</summary>
    public static (CrossShardLegKind[] Kinds, ShardReceipt[] Receipts) Legs(TransactionResult result) =>
        result.Legs is { } legs ? ([.. legs.Select(l => l.Kind)], [.. legs.Select(l => ShardReceipt.Decode(l.Receipt))]) : ([], []);

    /// <summary>The debit leg as sent: a credit from the sender's shard to the recipient's, for the amount, naming the transfer.</summary>
    public static void AssertSent(SentTransfer t, TransactionResult result)
    {
        var (kinds, receipts) = Legs(result);
        Assert.Equal(CrossShardLegKind.Sent, kinds[0]);
        Assert.Equal(result.Height, result.Legs![0].Height);
        var r = receipts[0];
        Assert.Equal(
            (ShardReceiptKind.Credit, t.SourceShard, t.DestinationShard, t.Tx.Hash, t.From.Address, t.To, t.Amount, result.Height),
            (r.Kind, r.Source, r.Destination, r.Origin, r.From, r.To, r.Amount, r.SourceHeight));
    }

    public static async Task<ulong> BalanceAsync(BftCluster bft, Address address) =>
        (await bft.Shard.GetAccountAsync(address.ToArray(), prove: false)).Balance;

    public static async Task<int> InboundAsync(BftCluster bft) => (await bft.Shard.GetShardsAsync()).Sum(s => s.InboundReceipts);
}
