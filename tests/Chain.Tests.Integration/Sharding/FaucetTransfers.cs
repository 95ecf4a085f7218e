using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Integration.Sharding;

/// <summary>
/// Transfers from the devnet faucet, signed once each with consecutive nonces and resubmitted (the same bytes) when the node
/// lost them (a dead silo's mempool): a nonce is never signed twice. Remembers every transfer it ever saw final, and at which height.
/// </summary>
internal sealed class FaucetTransfers(LedgerConnection node, string chainId, KeyPair faucet, ulong firstNonce)
{
    public const ulong Fee = 1;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(150);
    private ulong _nonce = firstNonce;

    /// <summary>Every transfer reported final, and the height it was final at.</summary>
    public Dictionary<Hash32, ulong> ReportedFinal { get; } = [];

    /// <summary>How many times a transaction the node had lost was submitted again.</summary>
    public int Resubmitted { get; private set; }

    public List<SignedTransaction> Sign(IReadOnlyList<Address> recipients, int each)
    {
        var signed = new List<SignedTransaction>();
        for (var i = 0; i < each; i++)
        {
            foreach (var to in recipients)
            {
                var nonce = _nonce++;
                signed.Add(new Transaction(chainId, nonce, faucet.PublicKey, Fee, new Transfer(to, 100 + nonce)).Sign(faucet));
            }
        }

        return signed;
    }

    public async Task SubmitAsync(IReadOnlyList<SignedTransaction> transactions)
    {
        var results = await node.Admission.SubmitBatchAsync([.. transactions.Select(t => t.Encode())]);
        Assert.All(results, r => Assert.True(r.Accepted, r.Message));
    }

    /// <summary>Waits until every transaction is final (its value may be in flight), resubmitting those the node no longer knows.</summary>
    public Task<TransactionResult[]> FinalAsync(IReadOnlyList<SignedTransaction> transactions, int pollMs = 200) =>
        UntilAsync(transactions, r => r.Status == TransactionStatus.Final, resubmitUnknown: true, pollMs);

    /// <summary>Waits until every transaction is final and its value arrived or came back.</summary>
    public Task<TransactionResult[]> SettledAsync(IReadOnlyList<SignedTransaction> transactions) =>
        UntilAsync(transactions, r => r.Status == TransactionStatus.Final && !r.InFlight, resubmitUnknown: false, 200);

    private async Task<TransactionResult[]> UntilAsync(IReadOnlyList<SignedTransaction> transactions, Func<TransactionResult, bool> done, bool resubmitUnknown, int pollMs)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            try
            {
                var results = await Task.WhenAll(transactions.Select(t => node.Ledger.GetTransactionAsync(t.Hash.ToArray())));
                foreach (var r in results.Where(r => r.Status == TransactionStatus.Final))
                {
                    ReportedFinal.TryAdd(new Hash32(r.TransactionHash), r.Height);
                }

                if (results.All(done))
                {
                    return results;
                }

                var lost = transactions.Where((_, i) => results[i].Status == TransactionStatus.Unknown).ToArray();
                if (resubmitUnknown && lost.Length > 0)
                {
                    // Refusals (a nonce already used, a duplicate) are fine: finality is what is checked.
                    Resubmitted += lost.Length;
                    await node.Admission.SubmitBatchAsync([.. lost.Select(t => t.Encode())]);
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // The cluster is recovering from the lost silo: ask again.
            }

            Assert.True(DateTime.UtcNow < deadline, $"not every transfer was {(resubmitUnknown ? "final" : "settled")} within {Generous}");
            await Task.Delay(TimeSpan.FromMilliseconds(pollMs), TestContext.Current.CancellationToken);
        }
    }
}
