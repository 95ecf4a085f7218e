using System.Buffers.Binary;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;

namespace Chain.Core.Sharding;

/// <summary>
/// Keys execution uses for cross-shard bookkeeping beyond <see cref="StateKeys"/>. Receipts a lane sends are written as
/// <see cref="Pending"/> keys, so the speculative executor tracks and rolls them back like any write; the block executor takes
/// them out of the write set before it is committed (they never reach state) and turns them into the block's outgoing receipts.
/// </summary>
internal static class CrossShardKeys
{
    private const byte PendingKind = 0x04;

    /// <summary>
    /// <c>0x09 | 0x04 | source u16 | destination u16 | channel u8 | sequence u64</c> (big-endian: sorts by source, destination,
    /// channel, sequence: the order of a block's outgoing receipts).
    /// </summary>
    public static byte[] Pending(ushort source, ushort destination, byte channel, ulong sequence)
    {
        var key = new byte[2 + 2 + 2 + 1 + 8];
        key[0] = StateKeys.ShardSpace;
        key[1] = PendingKind;
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(2), source);
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(4), destination);
        key[6] = channel;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(7), sequence);
        return key;
    }

    /// <summary>The counter a source reads to number a receipt it sends on <paramref name="channel"/>.</summary>
    public static byte[] NextOutbound(ushort source, ushort destination, byte channel) =>
        channel == ShardReceipt.ContractChannel ? StateKeys.NextContractOutbound(source, destination) : StateKeys.NextOutbound(source, destination);

    /// <summary>The counter a destination checks a receipt of <paramref name="channel"/> against.</summary>
    public static byte[] NextInbound(ushort destination, ushort source, byte channel) =>
        channel == ShardReceipt.ContractChannel ? StateKeys.NextContractInbound(destination, source) : StateKeys.NextInbound(destination, source);

    public static ReadOnlySpan<byte> PendingPrefix => [StateKeys.ShardSpace, PendingKind];

    /// <summary>
    /// Where a lane other than the metashard collects its fees (the proposer's account may live on any shard, so lanes cannot
    /// write it): <c>0x00 * 8 | "fee-sink" | 0x00 * 2 | lane u16</c>. Its first eight bytes are zero, so it lives on shard 0 for
    /// every shard count: no transaction of lanes 1..N-1 can touch it, and the executor takes only the change of its balance during
    /// the lane as the lane's fees (a balance it holds, sent by anyone, stays its own). It would take a hash preimage to control it.
    /// </summary>
    public static Address FeeSink(ushort lane)
    {
        Span<byte> bytes = stackalloc byte[Address.Size];
        bytes.Clear();
        "fee-sink"u8.CopyTo(bytes[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[(Address.Size - 2)..], lane);
        return new Address(bytes);
    }

    public static ulong ReadCounter(byte[]? value) => value is null ? 0 : BinaryPrimitives.ReadUInt64BigEndian(value);

    public static byte[] Counter(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>The value of <see cref="StateKeys.OutgoingRoot"/>: <c>root 32 | count u32</c> (count big-endian).</summary>
    public static byte[] RootRecord(Hash32 root, uint count)
    {
        var bytes = new byte[32 + 4];
        root.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(32), count);
        return bytes;
    }

    public static (Hash32 Root, uint Count)? ReadRootRecord(byte[]? value) =>
        value is { Length: 36 } ? (new Hash32(value.AsSpan(0, 32)), BinaryPrimitives.ReadUInt32BigEndian(value.AsSpan(32))) : null;
}
