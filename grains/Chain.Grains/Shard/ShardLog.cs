using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;
using Microsoft.Extensions.Logging;

namespace Chain.Grains.Shard;

/// <summary>The shard's log lines, generated so a disabled level costs nothing.</summary>
internal static partial class ShardLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard}: genesis applied, chain {ChainId}, state root {Root}")]
    public static partial void GenesisApplied(ILogger logger, long shard, string chainId, Hash32 root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard}: resumed at height {Height}, state root {Root}")]
    public static partial void Resumed(ILogger logger, long shard, ulong height, Hash32 root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Block {Height} final: {Count} transactions, state root {Root}")]
    public static partial void BlockFinal(ILogger logger, ulong height, int count, Hash32 root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Block {Height}: left out transaction {Hash}: {Reason}")]
    public static partial void LeftOut(ILogger logger, ulong height, Hash32 hash, TxErrorCode reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {Shard}: ledger storage failed ({Issue}); retrying in {Delay}")]
    public static partial void StorageFailed(ILogger logger, long shard, object issue, TimeSpan delay);
}
