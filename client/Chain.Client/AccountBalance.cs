using Chain.Protocol.Crypto;

namespace Chain.Client;

/// <summary>An account at the latest finalized height; <see cref="Proof"/> is set only when a proof was asked for and verified.</summary>
public sealed record AccountBalance(Address Address, ulong Balance, ulong Nonce, ulong Height, ProofReport? Proof);
