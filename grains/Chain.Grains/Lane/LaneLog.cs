using Microsoft.Extensions.Logging;

namespace Chain.Grains.Lane;

/// <summary>A lane grain's log lines.</summary>
internal static partial class LaneLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Lane of shard {Shard} active on silo {Silo}")]
    public static partial void Activated(ILogger logger, ushort shard, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lane of shard {Shard} was at block {Height} and was handed block {Next}: re-reading its waiting senders from the ledger")]
    public static partial void Gap(ILogger logger, ushort shard, ulong height, ulong next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lane of shard {Shard} did not take block {Height} ({Reason}); it catches up at the next block")]
    public static partial void HandOverFailed(ILogger logger, ushort shard, ulong height, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lane of shard {Shard} did not answer ({Reason}); its transactions wait for the next block")]
    public static partial void Unavailable(ILogger logger, ushort shard, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lane of shard {Shard} deactivating ({Reason}): handing {Count} pending transactions to the ledger")]
    public static partial void HandingBack(ILogger logger, ushort shard, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger adopted {Accepted} of {Count} pending transactions from a lane going away")]
    public static partial void Adopted(ILogger logger, int accepted, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lane of shard {Shard} could not hand its {Count} pending transactions to the ledger ({Reason}); their senders must submit them again")]
    public static partial void HandBackFailed(ILogger logger, ushort shard, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lane of shard {Shard} moves from silo {From} to silo {To}, where placement now puts it")]
    public static partial void Moving(ILogger logger, ushort shard, SiloAddress from, SiloAddress to);
}
