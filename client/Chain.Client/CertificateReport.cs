using Chain.Protocol.Blocks;

namespace Chain.Client;

/// <summary>
/// A header whose certificate was verified: signed by validators of <see cref="Validators"/> holding
/// <see cref="CertificateCheck.SignedPower"/> of <see cref="CertificateCheck.TotalPower"/>. With
/// <see cref="ValidatorSetSource.PinnedGenesis"/> that set was reached from the caller's genesis by verified
/// set changes, the last at <see cref="TrustedSetSince"/> (0: the genesis set itself); with
/// <see cref="ValidatorSetSource.ReportedByNode"/> it is the set the node says the header names.
/// </summary>
public sealed record CertificateReport(BlockHeader Header, ValidatorSet Validators, CertificateCheck Check, ValidatorSetSource Source, ulong TrustedSetSince);
