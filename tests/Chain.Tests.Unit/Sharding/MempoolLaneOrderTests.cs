using Chain.Core.Pool;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Core;

namespace Chain.Tests.Unit.Sharding;

/// <summary>
/// Lanes 1..N-1 run before lane 0 (protocol.md §13.5). A sender on shard s ≠ 0 whose nonces go transfer (lane s), staking (lane 0),
/// transfer (lane s) cannot have all three in one block: the second transfer meets the nonce before the staking transaction's.
/// The mempool's candidates stop a sender's run there, so a proposer never offers what the block would reject.
/// </summary>
public sealed class MempoolLaneOrderTests
{
    private readonly TestChain _chain = new(accounts: 8, balance: 1_000_000, shards: 2);

    [Fact]
    public void A_senders_transfer_after_its_metashard_transaction_waits_for_the_next_block()
    {
        var key = _chain.Keys.First(k => ShardMap.ShardOf(k.Address, 2) == 1);
        var to = _chain.Keys.First(k => k != key && ShardMap.ShardOf(k.Address, 2) == 1).Address;
        SignedTransaction[] txs = [Transfer(key, to), Withdraw(key), Transfer(key, to), Withdraw(key)];
        var pool = Pool(txs);

        // Offered all at once, the block rejects the second transfer (its lane ran first) and so the last transaction too.
        var all = _chain.Propose(txs);
        Assert.Equal([0UL, 1], all.Transactions.Select(t => t.Body.Nonce));
        Assert.Equal([2UL, 3], all.Rejected.Select(r => r.Transaction.Body.Nonce).Order().ToArray());
        Assert.All(all.Rejected, r => Assert.Equal(TxErrorCode.NonceTooHigh, r.Reason));

        Assert.Equal([0UL, 1, 2, 3], pool.Candidates(10, _chain.Account).Select(t => t.Body.Nonce)); // one shard: one lane
        var first = pool.Candidates(10, _chain.Account, shardCount: 2);
        Assert.Equal([0UL, 1], first.Select(t => t.Body.Nonce));
        var block = _chain.Step(first);
        Assert.Empty(block.Rejected);
        Assert.Equal(2, block.Transactions.Count);

        pool.Prune(block.Transactions, _chain.Account);
        var second = pool.Candidates(10, _chain.Account, shardCount: 2);
        Assert.Equal([2UL, 3], second.Select(t => t.Body.Nonce));
        Assert.Empty(_chain.Step(second).Rejected);
        Assert.Equal(4UL, _chain.Account(key.Address).Nonce);
    }

    [Fact]
    public void A_metashard_sender_keeps_its_whole_run()
    {
        var key = _chain.Keys.First(k => ShardMap.ShardOf(k.Address, 2) == 0);
        var to = _chain.Keys.First(k => ShardMap.ShardOf(k.Address, 2) == 1).Address;
        SignedTransaction[] txs = [Transfer(key, to), Withdraw(key), Transfer(key, to), Withdraw(key)];
        var candidates = Pool(txs).Candidates(10, _chain.Account, shardCount: 2);
        Assert.Equal([0UL, 1, 2, 3], candidates.Select(t => t.Body.Nonce));
        var block = _chain.Step(candidates);
        Assert.Empty(block.Rejected);
        Assert.Equal(4, block.Transactions.Count);
    }

    private Mempool Pool(IEnumerable<SignedTransaction> txs)
    {
        var pool = new Mempool(capacity: 100);
        foreach (var tx in txs)
        {
            Assert.Equal(TxErrorCode.None, pool.TryAdd(tx, _chain.Account(tx.Body.SenderAddress), _chain.Parameters.MinFee).Error);
        }

        return pool;
    }

    private SignedTransaction Transfer(KeyPair key, Address to) => _chain.Tx(key, new Transfer(to, 10));

    private SignedTransaction Withdraw(KeyPair key) => _chain.Tx(key, new Withdraw(_chain.Validator.Address));
}
