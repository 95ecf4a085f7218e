using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;

namespace Chain.Client;

/// <summary>A delegator's bonded stake with one validator (its own address for self-bond) and the entries still unbonding, as the node reports them.</summary>
public sealed record Delegation(Address Validator, ulong Tokens, IReadOnlyList<UnbondingInfo> Unbonding);
