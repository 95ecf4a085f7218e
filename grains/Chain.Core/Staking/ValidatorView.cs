using Chain.Protocol.Crypto;

namespace Chain.Core.Staking;

/// <summary>
/// One validator record as a query sees it. <see cref="Power"/> is its power in the active set, 0 outside it;
/// <see cref="Status"/> is <c>tombstoned</c>, <c>jailed</c>, <c>active</c> or <c>candidate</c>, the first that applies.
/// <see cref="JailedUntil"/> is 0 unless jailed.
/// </summary>
public sealed record ValidatorView(
    Address Address,
    PublicKey PublicKey,
    ulong Tokens,
    ulong Power,
    string Status,
    ulong JailedUntil,
    uint MissedBlocks,
    ulong SelfStake,
    ulong UnbondingTokens);
