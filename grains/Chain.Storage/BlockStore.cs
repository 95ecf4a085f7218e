using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Storage;

/// <summary>
/// Finalized blocks, their hash index and the transaction index, kept in a key-value store.
/// <see cref="Stage"/> adds one block's entries to a caller's batch, so a block is written in the same
/// atomic batch as the state and events it produced; the reads see only what has been written.
/// </summary>
/// <remarks>
/// <para>Layout: <c>b/n/{height u64}</c> → encoded <see cref="FinalizedBlock"/>;
/// <c>b/h/{block hash}</c> → height u64; <c>b/latest</c> → height u64;
/// <c>t/{transaction hash}</c> → height u64 | index u32 (all integers big-endian).</para>
/// <para>Invariants: heights start at 1 (<see cref="LatestHeight"/> 0 means no block); after the first
/// stored block, which may be at any height (a node that synced state from a snapshot starts there),
/// each block is exactly one above the latest, so stored heights have no gaps.</para>
/// <para>Over a snapshot (<see cref="IKeyValueSnapshot"/>) every read is from that one point in time.</para>
/// </remarks>
public sealed class BlockStore(IKeyValueReader reader)
{
    private static ReadOnlySpan<byte> ByHeightPrefix => "b/n/"u8;

    private static ReadOnlySpan<byte> ByHashPrefix => "b/h/"u8;

    private static ReadOnlySpan<byte> TransactionPrefix => "t/"u8;

    private static ReadOnlySpan<byte> LatestKey => "b/latest"u8;

    /// <summary>The height of the newest stored block; 0 when there is none.</summary>
    public ulong LatestHeight => reader.Get(LatestKey) is { } value ? KeyCodec.DecodeU64(value) : 0;

    /// <summary>
    /// Adds <paramref name="block"/> to <paramref name="batch"/>: the encoded block under its height, its hash,
    /// each transaction's location and the latest-height pointer. Writes nothing; blocks staged earlier in the
    /// same batch count as stored, so several consecutive blocks can share one batch.
    /// </summary>
    /// <exception cref="ArgumentException">The block is not one above the latest height, its certificate is
    /// for another header, or its transaction, receipt and header counts differ.</exception>
    /// <param name="encoded">The block's encoding when the caller has it (it is stored as is), else null to encode it here.</param>
    public void Stage(WriteBatch batch, FinalizedBlock block, byte[]? encoded = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(block);
        var header = block.Header;
        var hash = header.Hash();
        if (header.Height == 0)
        {
            throw new ArgumentException("block heights start at 1", nameof(block));
        }

        var latest = batch.TryGetStaged(LatestKey, out var staged)
            ? (staged is null ? 0 : KeyCodec.DecodeU64(staged))
            : LatestHeight;
        if (latest != 0 && header.Height != latest + 1)
        {
            throw new ArgumentException($"the next block is at height {latest + 1}, not {header.Height}", nameof(block));
        }

        if (block.Certificate.Height != header.Height || block.Certificate.BlockHash != hash)
        {
            throw new ArgumentException("the certificate is for another block", nameof(block));
        }

        if (block.Transactions.Count != block.Receipts.Count || header.TransactionCount != (uint)block.Transactions.Count)
        {
            throw new ArgumentException("transaction and receipt counts do not match the header", nameof(block));
        }

        var height = KeyCodec.EncodeU64(header.Height);
        batch.Put(KeyCodec.WithU64(ByHeightPrefix, header.Height), encoded ?? block.Encode());
        batch.Put(KeyCodec.WithHash(ByHashPrefix, hash), height);
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var location = new byte[sizeof(ulong) + sizeof(uint)];
            height.CopyTo(location, 0);
            KeyCodec.EncodeU32((uint)i).CopyTo(location, sizeof(ulong));
            batch.Put(KeyCodec.WithHash(TransactionPrefix, block.Transactions[i].Hash), location);
        }

        CrossShardIndex.Stage(batch, block);
        batch.Put(LatestKey.ToArray(), height);
    }

    /// <summary>The cross-shard receipts in flight and the legs of each transfer (<see cref="Storage.CrossShardIndex"/>).</summary>
    public CrossShardIndex CrossShard => new(reader);

    /// <summary>The block at <paramref name="height"/>, or null when none is stored there.</summary>
    public FinalizedBlock? GetByHeight(ulong height) =>
        GetEncodedByHeight(height) is { } encoded ? FinalizedBlock.Decode(encoded) : null;

    /// <summary>The canonical encoding of the block at <paramref name="height"/>, or null; what clients are served.</summary>
    public byte[]? GetEncodedByHeight(ulong height) => reader.Get(KeyCodec.WithU64(ByHeightPrefix, height));

    /// <summary>The height of the block whose header hashes to <paramref name="hash"/>, or null.</summary>
    public ulong? GetHeightByHash(Hash32 hash) =>
        reader.Get(KeyCodec.WithHash(ByHashPrefix, hash)) is { } value ? KeyCodec.DecodeU64(value) : null;

    /// <summary>Where the finalized transaction with <paramref name="transactionHash"/> is, or null.</summary>
    public TransactionLocation? GetTransactionLocation(Hash32 transactionHash)
    {
        if (reader.Get(KeyCodec.WithHash(TransactionPrefix, transactionHash)) is not { } value)
        {
            return null;
        }

        if (value.Length != sizeof(ulong) + sizeof(uint))
        {
            throw new InvalidDataException($"a transaction location is 12 bytes, found {value.Length}");
        }

        return new TransactionLocation(
            KeyCodec.DecodeU64(value.AsSpan(0, sizeof(ulong))),
            KeyCodec.DecodeU32(value.AsSpan(sizeof(ulong))));
    }
}
