using Chain.Protocol.Crypto;

namespace Chain.Client;

/// <summary>
/// One validator record as the node reports it (not provable against a header): bonded <see cref="Tokens"/>,
/// voting <see cref="Power"/> (0 outside the active set), <see cref="Status"/> (active, candidate, jailed,
/// tombstoned), the height its jail ends, and its missed blocks in the current downtime window.
/// </summary>
public sealed record ValidatorCandidate(
    Address Address, PublicKey PublicKey, ulong Tokens, ulong Power, string Status, ulong JailedUntilHeight, uint MissedBlocks);
