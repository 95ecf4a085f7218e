using Chain.Core.State;
using Chain.Protocol;
using Chain.Protocol.Encoding;

namespace Chain.Grains.Events;

/// <summary>
/// Storage encoding of shard events and state changes: a one-byte tag, then the fields in order.
/// Versioned by tag; never reuse a tag.
/// </summary>
public static class ShardEventCodec
{
    private const byte GenesisAppliedTag = 1;
    private const byte ChunkCommittedTag = 2;
    private const int MaxBlockBytes = 256 * 1024 * 1024;

    public static byte[] Encode(ShardEvent e)
    {
        // Sized exactly for a chunk (megabytes: the block and its changes), so it is one allocation and no copy.
        var w = new CanonicalWriter(e is ChunkCommitted chunk ? checked(1 + 8 + 32 + 8 + 32 + 4 + chunk.Block.Length + 4 + chunk.Changes.Length) : 256);
        switch (e)
        {
            case GenesisApplied g:
                w.WriteU8(GenesisAppliedTag);
                w.WriteFixed(g.GenesisHash);
                w.WriteFixed(g.StateRoot);
                w.WriteI64(g.TimeUnixMs);
                break;
            case ChunkCommitted c:
                w.WriteU8(ChunkCommittedTag);
                w.WriteU64(c.Height);
                w.WriteFixed(c.BlockHash);
                w.WriteI64(c.TimeUnixMs);
                w.WriteFixed(c.StateRoot);
                w.WriteBytes(c.Block);
                w.WriteBytes(c.Changes);
                break;
            default:
                throw new ArgumentException($"unknown shard event {e.GetType().Name}", nameof(e));
        }

        return w.ToArray();
    }

    public static ShardEvent Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        ShardEvent e = r.ReadU8() switch
        {
            GenesisAppliedTag => new GenesisApplied(r.ReadFixed(32).ToArray(), r.ReadFixed(32).ToArray(), r.ReadI64()),
            ChunkCommittedTag => new ChunkCommitted(
                r.ReadU64(),
                r.ReadFixed(32).ToArray(),
                r.ReadI64(),
                r.ReadFixed(32).ToArray(),
                r.ReadBytes(MaxBlockBytes).ToArray(),
                r.ReadBytes(MaxBlockBytes).ToArray()),
            var tag => throw new DecodeException($"unknown shard event tag {tag}"),
        };
        r.EnsureEnd();
        return e;
    }

    public static byte[] EncodeChanges(IReadOnlyList<StateChange> changes)
    {
        var w = new CanonicalWriter(64 * changes.Count);
        w.WriteU32((uint)changes.Count);
        foreach (var c in changes)
        {
            w.WriteBytes(c.Key);
            w.WriteBool(c.Value is not null);
            if (c.Value is not null)
            {
                w.WriteBytes(c.Value);
            }
        }

        return w.ToArray();
    }

    public static IReadOnlyList<StateChange> DecodeChanges(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var count = r.ReadCount(int.MaxValue, 5);
        var changes = new StateChange[count];
        for (var i = 0; i < count; i++)
        {
            var key = r.ReadBytes(ProtocolLimits.MaxStateKeyBytes).ToArray();
            changes[i] = new StateChange(key, r.ReadBool() ? r.ReadBytes(ProtocolLimits.MaxStateValueBytes).ToArray() : null);
        }

        r.EnsureEnd();
        return changes;
    }
}
