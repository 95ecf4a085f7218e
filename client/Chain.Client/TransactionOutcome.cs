using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;

namespace Chain.Client;

/// <summary>What the node knows of a transaction; <see cref="Inclusion"/> is set, and verified, exactly when it is final.</summary>
public sealed record TransactionOutcome(Hash32 Hash, TransactionStatus Status, TransactionInclusion? Inclusion);
