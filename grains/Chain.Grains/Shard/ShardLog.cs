using Chain.Protocol.Crypto;
using Microsoft.Extensions.Logging;

namespace Chain.Grains.Shard;

/// <summary>The shard's log lines, generated so a disabled level costs nothing.</summary>
internal static partial class ShardLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard}: genesis applied, chain {ChainId}, state root {Root}")]
    public static partial void GenesisApplied(ILogger logger, long shard, string chainId, Hash32 root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard}: resumed at height {Height}, state root {Root}")]
    public static partial void Resumed(ILogger logger, long shard, ulong height, Hash32 root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Block {Height} final in round {Round}: {Count} transactions, signed by {Signed} of {Total} power, state root {Root}")]
    public static partial void BlockFinal(ILogger logger, ulong height, int count, uint round, ulong signed, ulong total, Hash32 root);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Block {Height} {Hash} was handed to the ledger, which committed {Stored} at that height: two certified blocks at one height")]
    public static partial void ConflictingCommit(ILogger logger, ulong height, Hash32 hash, Hash32 stored);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {Shard}: ledger storage failed ({Issue}); retrying in {Delay}")]
    public static partial void StorageFailed(ILogger logger, long shard, object issue, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard}: caught this silo's ledger up from the shared event store, events {From} to {To}")]
    public static partial void CaughtUp(ILogger logger, long shard, int from, int to);
}
