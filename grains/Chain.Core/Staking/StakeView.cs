using Chain.Protocol.Crypto;

namespace Chain.Core.Staking;

/// <summary>A delegator's stake with one validator: what its shares are worth now, and its unbonding entries.</summary>
public sealed record StakeView(Address Validator, ulong Tokens, ulong Shares, IReadOnlyList<UnbondingView> Unbonding);

/// <summary>An unbonding entry: what it is worth now (slashes reach it until withdrawn) and when it can be withdrawn.</summary>
public sealed record UnbondingView(ulong Tokens, ulong CompletionHeight);
