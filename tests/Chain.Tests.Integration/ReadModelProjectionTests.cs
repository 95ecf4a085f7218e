using Chain.Grains.Events;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;
using Chain.Storage.Postgres;
using Chain.Storage.Postgres.ReadModel;
using Marten;
using Npgsql;

namespace Chain.Tests.Integration;

/// <summary>
/// The read models on a real PostgreSQL: real encoded shard events appended through MartenEventLog, then the
/// API's queries (transaction by hash, account history, contract events) with paging.
/// </summary>
public sealed class ReadModelProjectionTests(PostgresFixture postgres) : IAsyncDisposable
{
    private const string Shard = "shard-0";
    private NpgsqlDataSource? _dataSource;
    private DocumentStore? _store;

    [Fact]
    public async Task TransactionByHashAnswersEveryCommittedTransactionAndNullForAMissingHash()
    {
        var (log, reads) = await OpenAsync();
        using var alice = KeyPair.Generate();
        using var bob = KeyPair.Generate();
        var t0 = ReadModelBlocks.Transfer(alice, 0, bob.Address);
        var t1 = ReadModelBlocks.Transfer(alice, 1, bob.Address);
        var block = ReadModelBlocks.Block(1, [t0, t1], [ReadModelBlocks.Receipt(t0), ReadModelBlocks.Receipt(t1, ReceiptStatus.InsufficientBalance)], alice.Address);
        // A shard stream starts with its genesis event, which yields no rows.
        var genesis = ShardEventCodec.Encode(new GenesisApplied(new byte[32], new byte[32], 1_700_000_000_000));
        Assert.True(await log.TryAppendAsync(Shard, 0, [genesis], cancellationToken: Ct));
        Assert.True(await log.TryAppendAsync(Shard, 1, [ReadModelBlocks.Committed(block)], cancellationToken: Ct));

        var first = await reads.GetTransactionAsync(t0.Hash.ToString(), Ct);
        Assert.NotNull(first);
        Assert.Equal((Shard, 1L, 0, block.Header.Hash().ToString(), alice.Address.ToString(), "Transfer", "Success", 7UL),
            (first.Stream, first.Height, first.Index, first.BlockHash, first.Sender, first.Kind, first.Status, first.Fee));
        var second = await reads.GetTransactionAsync(t1.Hash.ToString().ToUpperInvariant(), Ct);
        Assert.NotNull(second);
        Assert.Equal((1, "InsufficientBalance"), (second.Index, second.Status));
        Assert.Null(await reads.GetTransactionAsync(Hashing.Sha256([1, 2, 3]).ToString(), Ct));
    }

    [Fact]
    public async Task AccountHistoryPagesNewestFirstWithRolesAndNoGapsOrRepeats()
    {
        var (log, reads) = await OpenAsync();
        using var alice = KeyPair.Generate();
        using var bob = KeyPair.Generate();
        ulong nonce = 0;
        var sent = new List<SignedTransaction>();
        for (ulong height = 1; height <= 3; height++)
        {
            // Two transfers to bob per block, and in block 2 one to herself.
            List<SignedTransaction> txs = [ReadModelBlocks.Transfer(alice, nonce++, bob.Address), ReadModelBlocks.Transfer(alice, nonce++, bob.Address)];
            if (height == 2)
            {
                txs.Add(ReadModelBlocks.Transfer(alice, nonce++, alice.Address));
            }

            sent.AddRange(txs);
            var block = ReadModelBlocks.Block(height, txs, [.. txs.Select(t => ReadModelBlocks.Receipt(t))], alice.Address);
            Assert.True(await log.TryAppendAsync(Shard, (int)height - 1, [ReadModelBlocks.Committed(block)], cancellationToken: Ct));
        }

        var history = new List<AccountActivity>();
        HistoryCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await reads.GetAccountHistoryAsync(alice.Address.ToString(), 2, cursor, Ct);
            Assert.InRange(page.Items.Count, 1, 2);
            history.AddRange(page.Items);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(4, pages);
        sent.Reverse();
        Assert.Equal(sent.Select(t => t.Hash.ToString()), history.Select(a => a.TransactionHash));
        Assert.Equal([3L, 3, 2, 2, 2, 1, 1], history.Select(a => a.Height));
        var self = Assert.Single(history, a => a.Role == (ActivityRole.Sender | ActivityRole.Recipient));
        Assert.Equal((2L, 2), (self.Height, self.Index));
        Assert.Equal(6, history.Count(a => a.Role == ActivityRole.Sender));

        var bobs = await reads.GetAccountHistoryAsync(bob.Address.ToString(), PostgresReadModel.MaxPageSize, cancellationToken: Ct);
        Assert.Null(bobs.Next);
        Assert.Equal(6, bobs.Items.Count);
        Assert.All(bobs.Items, a => Assert.Equal(ActivityRole.Recipient, a.Role));

        var nobody = await reads.GetAccountHistoryAsync(KeyPair.Generate().Address.ToString(), 10, cancellationToken: Ct);
        Assert.Empty(nobody.Items);
        Assert.Null(nobody.Next);
    }

    [Fact]
    public async Task ContractEventsPageInEmissionOrderFromAHeightAndSkipFailedCalls()
    {
        var (log, reads) = await OpenAsync();
        using var alice = KeyPair.Generate();
        using var a = KeyPair.Generate();
        using var b = KeyPair.Generate();
        ContractEvent Ev(Address contract, string topic, byte data) => new(contract, System.Text.Encoding.ASCII.GetBytes(topic), [data]);

        var c0 = ReadModelBlocks.Call(alice, 0, a.Address);
        var c1 = ReadModelBlocks.Call(alice, 1, a.Address);
        var block1 = ReadModelBlocks.Block(
            1,
            [c0, c1],
            [
                ReadModelBlocks.Receipt(c0, ReceiptStatus.Success, Ev(a.Address, "x", 1), Ev(b.Address, "y", 2), Ev(a.Address, "z", 3)),
                ReadModelBlocks.Receipt(c1, ReceiptStatus.Reverted, Ev(a.Address, "lost", 9)),
            ],
            alice.Address);
        var c2 = ReadModelBlocks.Call(alice, 2, a.Address);
        var block2 = ReadModelBlocks.Block(2, [c2], [ReadModelBlocks.Receipt(c2, ReceiptStatus.Success, Ev(a.Address, "w", 4))], alice.Address);
        Assert.True(await log.TryAppendAsync(Shard, 0, [ReadModelBlocks.Committed(block1), ReadModelBlocks.Committed(block2)], cancellationToken: Ct));

        var first = await reads.GetContractEventsAsync(a.Address.ToString(), 0, 2, cancellationToken: Ct);
        Assert.Equal(["x", "z"], first.Items.Select(e => System.Text.Encoding.ASCII.GetString(e.Topic)));
        Assert.Equal([0, 2], first.Items.Select(e => e.Index));
        Assert.All(first.Items, e => Assert.Equal((1L, 0, c0.Hash.ToString()), (e.Height, e.TransactionIndex, e.TransactionHash)));
        Assert.NotNull(first.Next);
        var second = await reads.GetContractEventsAsync(a.Address.ToString(), 0, 2, first.Next, Ct);
        var last = Assert.Single(second.Items);
        Assert.Equal(("w", 2L), (System.Text.Encoding.ASCII.GetString(last.Topic), last.Height));
        Assert.Equal([4], last.Data);
        Assert.Null(second.Next);

        var fromTwo = await reads.GetContractEventsAsync(a.Address.ToString(), 2, 10, cancellationToken: Ct);
        Assert.Equal(["w"], fromTwo.Items.Select(e => System.Text.Encoding.ASCII.GetString(e.Topic)));
        var ofB = await reads.GetContractEventsAsync(b.Address.ToString(), 0, 10, cancellationToken: Ct);
        Assert.Equal((1, "y"), (ofB.Items.Single().Index, System.Text.Encoding.ASCII.GetString(ofB.Items.Single().Topic)));

        // The call's contract is in the caller's history as the recipient.
        var ofA = await reads.GetAccountHistoryAsync(a.Address.ToString(), 10, cancellationToken: Ct);
        Assert.Equal(3, ofA.Items.Count);
    }

    [Fact]
    public async Task ARejectedAppendLeavesNoReadModelAndBadPageSizesAreRefused()
    {
        var (log, reads) = await OpenAsync();
        using var alice = KeyPair.Generate();
        var t = ReadModelBlocks.Transfer(alice, 0, alice.Address);
        var block = ReadModelBlocks.Block(1, [t], [ReadModelBlocks.Receipt(t)], alice.Address);
        Assert.False(await log.TryAppendAsync(Shard, 3, [ReadModelBlocks.Committed(block)], cancellationToken: Ct));
        Assert.Null(await reads.GetTransactionAsync(t.Hash.ToString(), Ct));

        // Streams other than shards carry no blocks; the projection leaves them alone.
        Assert.True(await log.TryAppendAsync("contract-x", 0, [[1, 2, 3]], cancellationToken: Ct));
        Assert.Null(await reads.GetTransactionAsync(t.Hash.ToString(), Ct));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reads.GetAccountHistoryAsync(alice.Address.ToString(), 0, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reads.GetContractEventsAsync(alice.Address.ToString(), 0, PostgresReadModel.MaxPageSize + 1, cancellationToken: Ct));
    }

    public async ValueTask DisposeAsync()
    {
        _store?.Dispose();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(MartenEventLog Log, PostgresReadModel Reads)> OpenAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("readmodel");
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgresSchema.InitializeAsync(_dataSource, Ct);
        _store = ChainMarten.CreateStore(_dataSource);
        return (new MartenEventLog(_store), new PostgresReadModel(_store));
    }
}
