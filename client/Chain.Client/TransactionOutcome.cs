using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;

namespace Chain.Client;

/// <summary>
/// What the node knows of a transaction; <see cref="Inclusion"/> is set, and verified, exactly when it is final. <see cref="Legs"/>
/// are a cross-shard transfer's legs (empty otherwise): sent by the source shard, then credited at the destination, or bounced
/// back and refunded; or an asynchronous contract call's: sent, executed by the callee (which sent the callback), callback run.
/// </summary>
public sealed record TransactionOutcome(Hash32 Hash, TransactionStatus Status, TransactionInclusion? Inclusion)
{
    public IReadOnlyList<TransferLeg> Legs => Inclusion?.Legs ?? [];

    /// <summary>Final, but the value of a cross-shard transfer has neither arrived nor come back yet, or a contract call's callback has not run.</summary>
    public bool InFlight => CrossShardLegs.InFlight(Legs.Select(l => l.Kind));
}
