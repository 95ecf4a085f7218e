using Chain.Core.State;
using Chain.Grains.Events;

namespace Chain.Tests.Grains;

public sealed class ShardEventCodecTests
{
    [Fact]
    public void An_empty_block_with_no_state_changes_encodes_and_decodes()
    {
        // Regression: sealing an empty block threw in the writer (zero initial capacity).
        var encoded = ShardEventCodec.EncodeChanges([]);
        Assert.Empty(ShardEventCodec.DecodeChanges(encoded));
    }

    [Fact]
    public void Chunk_events_and_state_changes_round_trip()
    {
        IReadOnlyList<StateChange> changes = [new StateChange([1, 2], [3]), new StateChange([4], null)];
        var chunk = new ChunkCommitted(7, new byte[32], 99, Enumerable.Repeat((byte)5, 32).ToArray(), [1, 2, 3], ShardEventCodec.EncodeChanges(changes));
        var decoded = Assert.IsType<ChunkCommitted>(ShardEventCodec.Decode(ShardEventCodec.Encode(chunk)));
        Assert.Equal((chunk.Height, chunk.TimeUnixMs), (decoded.Height, decoded.TimeUnixMs));
        Assert.Equal(chunk.StateRoot, decoded.StateRoot);
        var back = ShardEventCodec.DecodeChanges(decoded.Changes);
        Assert.Equal([1, 2], back[0].Key);
        Assert.Null(back[1].Value);
    }
}
