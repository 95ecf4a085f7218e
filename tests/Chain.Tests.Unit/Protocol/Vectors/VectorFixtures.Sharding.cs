using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Protocol.Vectors;

/// <summary>
/// The sharding fixtures (docs/protocol.md §13): a chain of four shards, on which seeds 0x02 and 0x04 live on shard 0, seed 0x05
/// on shard 1, seed 0x03 on shard 2 and seed 0x01 on shard 3. Shard 1's chunk of block 7 sent three receipts; block 8 applies them
/// and sends three of its own.
/// </summary>
internal static partial class VectorFixtures
{
    public const ushort ShardCount = 4;
    public const ulong SourceChunkHeight = 7;

    /// <summary>Shard 1's outgoing receipts at height 7, in (source, destination, sequence) order: a refund to shard 0 and two credits.</summary>
    public static ShardReceipt[] SourceChunk() =>
    [
        new(ShardReceiptKind.Refund, 1, 0, 4, SourceChunkHeight, DelegateTransaction().Hash, AddressOf(5), AddressOf(2), 70),
        new(ShardReceiptKind.Credit, 1, 2, 0, SourceChunkHeight, UnbondTransaction().Hash, AddressOf(5), AddressOf(3), 1_500),
        new(ShardReceiptKind.Credit, 1, 3, 0, SourceChunkHeight, WithdrawTransaction().Hash, AddressOf(5), AddressOf(1), ulong.MaxValue),
    ];

    /// <summary>Seed 0x01 (shard 3) sends 250 units to seed 0x03 (shard 2), fee 2, nonce 0.</summary>
    public static SignedTransaction ShardThreeTransfer() => Signed(1, nonce: 0, fee: 2, new Transfer(AddressOf(3), 250));

    /// <summary>Seed 0x05 (shard 1) sends 40 units to seed 0x01 (shard 3), fee 1, nonce 3.</summary>
    public static SignedTransaction ShardOneTransfer() => Signed(5, nonce: 3, fee: 1, new Transfer(AddressOf(1), 40));

    /// <summary>Block 8's transactions: lanes 0 (a transfer from seed 0x02), 3, 0 (a bond: not a plain transfer) and 1.</summary>
    public static SignedTransaction[] ShardedTransactions() => [TransferWithoutMemo(), ShardThreeTransfer(), BondTransaction(), ShardOneTransfer()];

    /// <summary>The receipts block 8's cross-shard transfers sent, in (source, destination, sequence) order.</summary>
    public static ShardReceipt[] ShardedOutgoing()
    {
        var txs = ShardedTransactions();
        return
        [
            new(ShardReceiptKind.Credit, 0, 2, 0, 8, txs[0].Hash, AddressOf(2), AddressOf(3), 1_000),
            new(ShardReceiptKind.Credit, 1, 3, 1, 8, txs[3].Hash, AddressOf(5), AddressOf(1), 40),
            new(ShardReceiptKind.Credit, 3, 2, 0, 8, txs[1].Hash, AddressOf(1), AddressOf(3), 250),
        ];
    }

    /// <summary>Block 8 of the four-shard chain as stored: it applies shard 1's receipts of height 7 and sends its own.</summary>
    public static FinalizedBlock ShardedBlock()
    {
        var txs = ShardedTransactions();
        var receipts = txs.Select(SuccessReceipt).ToArray();
        var incoming = IncomingReceipt.ProveAll(SourceChunk());
        var outgoing = ShardedOutgoing();
        var chunks = ChunkLayout.Headers(ShardCount, txs, incoming, outgoing);
        var header = new BlockHeader(
            ChainId,
            Height: 8,
            PreviousHash: new Hash32(Enumerable.Repeat((byte)0x77, 32).ToArray()),
            TimeUnixMs: GenesisTimeUnixMs + 8000,
            TransactionsRoot: FinalizedBlock.TransactionsRoot(txs),
            ReceiptsRoot: FinalizedBlock.ReceiptsRoot(receipts),
            StateRoot: PlaceholderStateRoot,
            ValidatorSetHash: SingleValidatorSet().Hash,
            NextValidatorSetHash: SingleValidatorSet().Hash,
            LastCertificateHash: Hash32.Zero,
            Proposer: AddressOf(1),
            TransactionCount: (uint)txs.Length,
            ChunksRoot: ChunkHeader.Root(chunks));
        return new FinalizedBlock(header, Certify(header, 0, SingleValidatorSet(), 1), null, txs, receipts)
        {
            Incoming = incoming,
            Outgoing = outgoing,
            Chunks = chunks,
        };
    }

    public const ulong ContractChunkHeight = 9;

    /// <summary>
    /// Shard 2's outgoing receipts at height 9, in (source, destination, channel, sequence) order: a credit and a call to shard 0 (the
    /// two channels number their sequences apart), then a failed call's callback with its refund and a call to shard 3.
    /// </summary>
    public static ShardReceipt[] ContractChunk()
    {
        var origin = CallTransaction().Hash;
        var (caller, callee, other) = (AddressOf(3), AddressOf(2), AddressOf(1));
        return
        [
            new(ShardReceiptKind.Credit, 2, 0, 6, ContractChunkHeight, UnbondTransaction().Hash, AddressOf(3), AddressOf(4), 25),
            new(ShardReceiptKind.Call, 2, 0, 0, ContractChunkHeight, origin, caller, callee, 300)
            {
                Message = new ContractMessage("deposit", 50_000, "on_deposit", 20_000, ReceiptStatus.Success, "{\"memo\":\"hi\"}"u8.ToArray()),
            },
            new(ShardReceiptKind.Callback, 2, 3, 0, ContractChunkHeight, WithdrawTransaction().Hash, caller, other, 125)
            {
                Message = new ContractMessage("on_result", 30_000, string.Empty, 0, ReceiptStatus.Reverted, "insufficient funds"u8.ToArray()),
            },
            new(ShardReceiptKind.Call, 2, 3, 1, ContractChunkHeight, origin, caller, other, 0)
            {
                Message = new ContractMessage("ping", 1, string.Empty, 0, ReceiptStatus.Success, []),
            },
        ];
    }
}
