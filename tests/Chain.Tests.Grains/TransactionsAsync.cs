using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Grains;

/// <summary>Signs a transaction with the sender's next nonce, submits it through admission and waits until it is final.</summary>
internal static class TransactionsAsync
{
    public static async Task<TransactionResult> SendAsync(BftCluster bft, TransactionPayload payload, KeyPair sender)
    {
        var account = await bft.Shard.GetAccountAsync(sender.Address.ToArray(), prove: false);
        var tx = new Transaction(BftCluster.ChainId, account.Nonce, sender.PublicKey, 1, payload).Sign(sender);
        var submitted = await bft.Client.GetGrain<IAdmissionGrain>(0).SubmitAsync(tx.Encode());
        Assert.True(submitted.Accepted, submitted.Message);
        var result = await bft.Shard.WaitForTransactionAsync(tx.Hash.ToArray(), TimeSpan.FromSeconds(20));
        Assert.Equal(TransactionStatus.Final, result.Status);
        return result;
    }
}
