namespace Chain.GrainInterfaces;

/// <summary>
/// The staking view at the latest finalized <see cref="Height"/>. <see cref="ValidatorSet"/> is the encoded
/// active set that certifies the next block; <see cref="Header"/> and <see cref="Certificate"/> are the
/// latest finalized header and its certificate (null before block 1), whose <c>NextValidatorSetHash</c>
/// commits to that set. <see cref="Candidates"/> lists every validator record, active or not, by address.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ValidatorsResult")]
public sealed record ValidatorsResult(
    [property: Id(0)] ulong Height,
    [property: Id(1)] byte[] ValidatorSet,
    [property: Id(2)] byte[]? Header,
    [property: Id(3)] byte[]? Certificate,
    [property: Id(4)] ValidatorInfo[] Candidates,
    [property: Id(5)] ulong EpochLength,
    [property: Id(6)] ulong NextEpochHeight);

/// <summary>
/// One validator record. <see cref="Tokens"/> is its bonded stake (self-bond and delegations, after slashes
/// and rewards); <see cref="Power"/> its voting power in the active set, 0 when it is not in it.
/// <see cref="Status"/> is one of <c>active</c>, <c>candidate</c>, <c>jailed</c>, <c>tombstoned</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ValidatorInfo")]
public sealed record ValidatorInfo(
    [property: Id(0)] byte[] Address,
    [property: Id(1)] byte[] PublicKey,
    [property: Id(2)] ulong Tokens,
    [property: Id(3)] ulong Power,
    [property: Id(4)] string Status,
    [property: Id(5)] ulong JailedUntilHeight,
    [property: Id(6)] uint MissedBlocks);

/// <summary>
/// A finalized header at which the validator set changes, with its certificate and the encoded next set
/// (whose hash is the header's <c>NextValidatorSetHash</c>). A client that trusts the genesis set verifies
/// these in order to learn the set of any later height without trusting the node.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ValidatorSetChange")]
public sealed record ValidatorSetChange(
    [property: Id(0)] byte[] Header,
    [property: Id(1)] byte[] Certificate,
    [property: Id(2)] byte[] NextValidatorSet);

/// <summary>A delegator's stake with one validator and its unbonding entries.</summary>
[GenerateSerializer, Immutable, Alias("chain.StakeInfo")]
public sealed record StakeInfo(
    [property: Id(0)] byte[] Validator,
    [property: Id(1)] ulong Tokens,
    [property: Id(2)] UnbondingInfo[] Unbonding);

[GenerateSerializer, Immutable, Alias("chain.UnbondingInfo")]
public sealed record UnbondingInfo(
    [property: Id(0)] ulong Tokens,
    [property: Id(1)] ulong CompletionHeight);
