using Chain.Protocol.Crypto;
using Microsoft.Extensions.Logging;

namespace Chain.Grains.Validator;

/// <summary>The validator's log lines, generated so a disabled level costs nothing.</summary>
internal static partial class ValidatorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Validator {Validator}: started at height {Height} (replica state root {Root})")]
    public static partial void Started(ILogger logger, string validator, ulong height, Hash32 root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Validator {Validator}: resuming height {Height} from its signing record (round {Round})")]
    public static partial void Resumed(ILogger logger, string validator, ulong height, uint round);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Validator {Validator}: height {Height} decided in round {Round}: block {Hash}")]
    public static partial void Decided(ILogger logger, string validator, ulong height, uint round, Hash32 hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Validator {Validator}: caught up from height {From} to {To} from the ledger")]
    public static partial void CaughtUp(ILogger logger, string validator, ulong from, ulong to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {Validator}: refused to sign height {Height} round {Round} {Step}: already signed at or past it")]
    public static partial void RefusedToSign(ILogger logger, string validator, ulong height, uint round, SignedStep step);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Validator {Validator}: dropped a message: {Reason}")]
    public static partial void Dropped(ILogger logger, string validator, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {Validator}: refused proposal {Hash} at height {Height}: {Reason}")]
    public static partial void InvalidProposal(ILogger logger, string validator, ulong height, Hash32 hash, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {Validator}: evidence of equivocation by {Offender} at height {Height}; reporting it")]
    public static partial void EvidenceFound(ILogger logger, string validator, string offender, ulong height);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {Validator}: evidence report refused ({Code}): {Message}")]
    public static partial void EvidenceRefused(ILogger logger, string validator, int code, string? message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {Validator}: could not hand block {Height} to the ledger; retrying")]
    public static partial void CommitFailed(ILogger logger, string validator, ulong height, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {Validator}: catching up from the ledger failed; retrying")]
    public static partial void CatchUpFailed(ILogger logger, string validator, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {Validator}: deactivated by Orleans ({Reason}: {Description}); activating it again")]
    public static partial void Deactivated(ILogger logger, string validator, DeactivationReasonCode reason, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {Validator}: the ledger could not give the cross-shard receipts in flight ({Reason}); proposing without them")]
    public static partial void ReceiptsUnavailable(ILogger logger, string validator, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {Validator}: the lane of shard {Shard} did not offer candidates ({Reason}); its transactions wait for the next block")]
    public static partial void LaneUnavailable(ILogger logger, string validator, int shard, string reason);
}
