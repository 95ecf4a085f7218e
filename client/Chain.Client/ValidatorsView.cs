using Chain.Protocol.Blocks;

namespace Chain.Client;

/// <summary>
/// The staking view at the latest final <see cref="Height"/>. <see cref="ActiveSet"/> certifies the next
/// block and is checked against the latest header's NextValidatorSetHash, whose certificate is
/// <see cref="Certificate"/> (null before block 1); <see cref="Source"/> says what that check is worth.
/// <see cref="Candidates"/> are the node's word.
/// </summary>
public sealed record ValidatorsView(
    ulong Height,
    ValidatorSet ActiveSet,
    IReadOnlyList<ValidatorCandidate> Candidates,
    ulong EpochLength,
    ulong NextEpochHeight,
    CertificateReport? Certificate,
    ValidatorSetSource Source);
