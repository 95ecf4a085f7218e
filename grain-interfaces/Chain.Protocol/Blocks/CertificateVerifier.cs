namespace Chain.Protocol.Blocks;

/// <summary>
/// Checks, without trusting anyone, that a header is final: the certificate is for this header's hash
/// and height, each signature is a valid precommit by a distinct member of the validator set,
/// and the signers hold more than 2/3 of the power. Cost: at most one Ed25519 check per validator.
/// </summary>
public static class CertificateVerifier
{
    public static CertificateCheck Verify(BlockHeader header, QuorumCertificate certificate, ValidatorSet validators)
    {
        if (header.ValidatorSetHash != validators.Hash)
        {
            return CertificateCheck.Fail("the header names a different validator set");
        }

        var hash = header.Hash();
        if (certificate.BlockHash != hash || certificate.Height != header.Height)
        {
            return CertificateCheck.Fail("the certificate is for another block");
        }

        if (certificate.Signatures.Count > validators.Count)
        {
            return CertificateCheck.Fail("the certificate has more signatures than there are validators");
        }

        var message = new Vote(VoteKind.Precommit, header.ChainId, header.Height, certificate.Round, hash).SigningBytes();
        ulong power = 0;
        long previous = -1;
        foreach (var s in certificate.Signatures)
        {
            if (s.ValidatorIndex >= (uint)validators.Count || s.ValidatorIndex <= previous)
            {
                return CertificateCheck.Fail($"signature names validator {s.ValidatorIndex}, which is unknown or repeated");
            }

            previous = s.ValidatorIndex;
            var validator = validators.Validators[(int)s.ValidatorIndex];
            if (!validator.PublicKey.Verify(message, s.Signature))
            {
                return CertificateCheck.Fail($"signature of validator {s.ValidatorIndex} does not verify");
            }

            power += validator.Power;
        }

        return validators.IsQuorum(power)
            ? new CertificateCheck(true, power, validators.TotalPower, null)
            : CertificateCheck.Fail($"signers hold {power} of {validators.TotalPower} power, not more than 2/3");
    }
}

/// <summary>The outcome of <see cref="CertificateVerifier.Verify"/>; <see cref="Error"/> says why it failed.</summary>
public sealed record CertificateCheck(bool IsValid, ulong SignedPower, ulong TotalPower, string? Error)
{
    public static CertificateCheck Fail(string error) => new(false, 0, 0, error);
}
