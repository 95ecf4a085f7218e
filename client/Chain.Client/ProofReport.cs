using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Client;

/// <summary>
/// What a verified account proof established: the state proof leads to the state root of block
/// <see cref="Height"/> (hash <see cref="BlockHash"/>), whose certificate is signed by validators holding
/// <see cref="SignedPower"/> of <see cref="TotalPower"/>. <see cref="Verdict"/> is
/// <see cref="StateProofResult.Included"/> or <see cref="StateProofResult.Excluded"/>, never Invalid.
/// With a pinned genesis, <see cref="TrustedSetSince"/> is the height of the last validator-set change
/// followed from it (0: the genesis set signed).
/// </summary>
public sealed record ProofReport(
    ulong Height,
    Hash32 BlockHash,
    ulong SignedPower,
    ulong TotalPower,
    ValidatorSetSource ValidatorSetSource,
    StateProofResult Verdict,
    ulong TrustedSetSince);
