using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Storage;

namespace Chain.Tests.Unit.Storage;

/// <summary>What <see cref="BlockStore"/> must do over every backend.</summary>
public abstract class BlockStoreContract(StoreBackend backend) : IDisposable
{
    private readonly IKeyValueStore _store = backend.Open();

    public void Dispose()
    {
        backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void An_empty_store_has_latest_height_zero_and_no_blocks()
    {
        var blocks = new BlockStore(_store);

        Assert.Equal(0UL, blocks.LatestHeight);
        Assert.Null(blocks.GetByHeight(1));
        Assert.Null(blocks.GetEncodedByHeight(0));
        Assert.Null(blocks.GetHeightByHash(Hashing.Sha256([1])));
        Assert.Null(blocks.GetTransactionLocation(Hashing.Sha256([1])));
    }

    [Fact]
    public void A_staged_block_is_invisible_until_its_batch_is_written()
    {
        var blocks = new BlockStore(_store);
        var block = TestBlocks.At(1);
        var batch = new WriteBatch();

        blocks.Stage(batch, block);

        Assert.True(batch.Count > 0);
        Assert.Equal(0UL, blocks.LatestHeight);
        Assert.Null(blocks.GetEncodedByHeight(1));
        _store.Write(batch);
        Assert.Equal(1UL, blocks.LatestHeight);
    }

    [Fact]
    public void A_written_block_reads_back_by_height()
    {
        var blocks = new BlockStore(_store);
        var block = TestBlocks.At(1, transactions: 3);

        Write(blocks, block);

        Assert.Equal(block.Encode(), blocks.GetEncodedByHeight(1));
        var read = blocks.GetByHeight(1);
        Assert.NotNull(read);
        Assert.Equal(block.Header, read.Header);
        Assert.Equal(block.Transactions.Select(t => t.Hash), read.Transactions.Select(t => t.Hash));
        Assert.Equal(block.Receipts, read.Receipts);
        Assert.Null(read.CheckBody());
        Assert.Null(blocks.GetByHeight(2));
    }

    [Fact]
    public void A_block_height_is_found_by_its_hash()
    {
        var blocks = new BlockStore(_store);
        var chain = TestBlocks.Chain(1, 3);
        foreach (var block in chain)
        {
            Write(blocks, block);
        }

        Assert.Equal(1UL, blocks.GetHeightByHash(chain[0].Header.Hash()));
        Assert.Equal(3UL, blocks.GetHeightByHash(chain[2].Header.Hash()));
        Assert.Null(blocks.GetHeightByHash(Hashing.Sha256([9])));
    }

    [Fact]
    public void A_transaction_is_located_by_its_hash()
    {
        var blocks = new BlockStore(_store);
        var first = TestBlocks.At(1, transactions: 2);
        var second = TestBlocks.At(2, transactions: 3);
        Write(blocks, first);
        Write(blocks, second);

        Assert.Equal(new TransactionLocation(1, 0), blocks.GetTransactionLocation(first.Transactions[0].Hash));
        Assert.Equal(new TransactionLocation(1, 1), blocks.GetTransactionLocation(first.Transactions[1].Hash));
        Assert.Equal(new TransactionLocation(2, 2), blocks.GetTransactionLocation(second.Transactions[2].Hash));
        Assert.Null(blocks.GetTransactionLocation(first.Header.Hash()));
    }

    [Fact]
    public void Latest_height_follows_the_newest_written_block()
    {
        var blocks = new BlockStore(_store);
        var chain = TestBlocks.Chain(1, 4);

        foreach (var block in chain)
        {
            Write(blocks, block);
            Assert.Equal(block.Header.Height, blocks.LatestHeight);
        }
    }

    [Fact]
    public void Heights_past_255_are_stored_and_read_numerically()
    {
        var blocks = new BlockStore(_store);
        var chain = TestBlocks.Chain(255, 3);
        foreach (var block in chain)
        {
            Write(blocks, block);
        }

        Assert.Equal(257UL, blocks.LatestHeight);
        Assert.Equal(chain[1].Header, blocks.GetByHeight(256)!.Header);
    }

    [Fact]
    public void Consecutive_blocks_can_share_one_batch()
    {
        var blocks = new BlockStore(_store);
        var chain = TestBlocks.Chain(1, 3);
        var batch = new WriteBatch();

        foreach (var block in chain)
        {
            blocks.Stage(batch, block);
        }

        _store.Write(batch);
        Assert.Equal(3UL, blocks.LatestHeight);
        Assert.All(chain, b => Assert.Equal(b.Encode(), blocks.GetEncodedByHeight(b.Header.Height)));
    }

    [Fact]
    public void The_first_block_may_be_at_any_height_and_later_ones_follow_it()
    {
        var blocks = new BlockStore(_store);
        Write(blocks, TestBlocks.At(100));

        Assert.Throws<ArgumentException>(() => blocks.Stage(new WriteBatch(), TestBlocks.At(102)));
        Assert.Throws<ArgumentException>(() => blocks.Stage(new WriteBatch(), TestBlocks.At(100)));
        Write(blocks, TestBlocks.At(101));
        Assert.Equal(101UL, blocks.LatestHeight);
    }

    [Fact]
    public void A_block_that_cannot_be_stored_stages_nothing()
    {
        var blocks = new BlockStore(_store);
        Write(blocks, TestBlocks.At(1));
        var good = TestBlocks.At(2);
        var otherCertificate = good with { Certificate = good.Certificate with { BlockHash = Hashing.Sha256([1]) } };
        var wrongCount = good with { Receipts = [.. good.Receipts.Take(1)] };
        var batch = new WriteBatch();

        Assert.Throws<ArgumentException>(() => blocks.Stage(batch, TestBlocks.At(0)));
        Assert.Throws<ArgumentException>(() => blocks.Stage(batch, TestBlocks.At(3)));
        Assert.Throws<ArgumentException>(() => blocks.Stage(batch, otherCertificate));
        Assert.Throws<ArgumentException>(() => blocks.Stage(batch, wrongCount));

        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void A_block_store_over_a_snapshot_does_not_see_later_blocks()
    {
        var blocks = new BlockStore(_store);
        var chain = TestBlocks.Chain(1, 2);
        Write(blocks, chain[0]);
        using var snapshot = _store.CreateSnapshot();
        var before = new BlockStore(snapshot);

        Write(blocks, chain[1]);

        Assert.Equal(1UL, before.LatestHeight);
        Assert.Null(before.GetEncodedByHeight(2));
        Assert.Null(before.GetHeightByHash(chain[1].Header.Hash()));
        Assert.Equal(2UL, blocks.LatestHeight);
    }

    [Fact]
    public void Block_keys_stay_under_the_b_and_t_prefixes()
    {
        var blocks = new BlockStore(_store);
        Write(blocks, TestBlocks.At(1, transactions: 2));

        var keys = _store.ScanPrefix([]).Select(e => e.Key).ToList();

        // The block, its hash, the latest pointer and two transactions.
        Assert.Equal(5, keys.Count);
        Assert.All(keys, k => Assert.True(k.AsSpan().StartsWith("b/"u8) || k.AsSpan().StartsWith("t/"u8)));
        Assert.Equal(2, _store.ScanPrefix("t/"u8.ToArray()).Count());
    }

    private void Write(BlockStore blocks, FinalizedBlock block)
    {
        var batch = new WriteBatch();
        blocks.Stage(batch, block);
        _store.Write(batch);
    }
}
