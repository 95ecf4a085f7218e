using Chain.Grains.Events;
using Chain.Protocol.Encoding;

namespace Chain.Grains.Shard;

/// <summary>
/// The shard grain's own state: the fold of its events. Small on purpose; balances and blocks are
/// projections in the ledger store, written in the same atomic batch as the events.
/// </summary>
[GenerateSerializer]
public sealed class ShardState
{
    [Id(0)] public bool GenesisApplied { get; set; }

    [Id(1)] public ulong Height { get; set; }

    [Id(2)] public byte[] BlockHash { get; set; } = new byte[32];

    [Id(3)] public long TimeUnixMs { get; set; }

    [Id(4)] public byte[] StateRoot { get; set; } = new byte[32];

    public void Apply(ShardEvent e)
    {
        switch (e)
        {
            case GenesisApplied g:
                GenesisApplied = true;
                Height = 0;
                BlockHash = g.GenesisHash;
                TimeUnixMs = g.TimeUnixMs;
                StateRoot = g.StateRoot;
                break;
            case ChunkCommitted c:
                if (!GenesisApplied || c.Height != Height + 1)
                {
                    throw new InvalidOperationException($"chunk {c.Height} does not follow height {Height}");
                }

                Height = c.Height;
                BlockHash = c.BlockHash;
                TimeUnixMs = c.TimeUnixMs;
                StateRoot = c.StateRoot;
                break;
        }
    }

    public ShardState Copy() => new()
    {
        GenesisApplied = GenesisApplied,
        Height = Height,
        BlockHash = BlockHash,
        TimeUnixMs = TimeUnixMs,
        StateRoot = StateRoot,
    };

    public byte[] Encode()
    {
        var w = new CanonicalWriter(96);
        w.WriteBool(GenesisApplied);
        w.WriteU64(Height);
        w.WriteFixed(BlockHash);
        w.WriteI64(TimeUnixMs);
        w.WriteFixed(StateRoot);
        return w.ToArray();
    }

    public static ShardState Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var state = new ShardState
        {
            GenesisApplied = r.ReadBool(),
            Height = r.ReadU64(),
            BlockHash = r.ReadFixed(32).ToArray(),
            TimeUnixMs = r.ReadI64(),
            StateRoot = r.ReadFixed(32).ToArray(),
        };
        r.EnsureEnd();
        return state;
    }
}
