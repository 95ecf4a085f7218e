using Chain.Protocol.Blocks;
using Chain.Protocol.Genesis;

namespace Chain.Client;

/// <summary>
/// Checks a finalized block against a genesis: same chain, certified by more than 2/3 of the genesis
/// validator set's power (the only set until staking lands), and a body that matches the header. Pure.
/// </summary>
public static class BlockVerifier
{
    /// <summary>Returns the certificate check; throws <see cref="ChainClientException"/> (VerificationFailed) naming what failed.</summary>
    public static CertificateCheck Verify(FinalizedBlock block, GenesisDocument genesis)
    {
        var header = block.Header;
        if (!string.Equals(header.ChainId, genesis.ChainId, StringComparison.Ordinal))
        {
            throw ChainClientException.Verification($"block {header.Height} is for chain '{header.ChainId}', but the genesis is for '{genesis.ChainId}'");
        }

        if (header.ValidatorSetHash != genesis.Validators.Hash)
        {
            throw ChainClientException.Verification(
                $"block {header.Height} names validator set {header.ValidatorSetHash}, not the genesis set {genesis.Validators.Hash}");
        }

        var check = CertificateVerifier.Verify(header, block.Certificate, genesis.Validators);
        if (!check.IsValid)
        {
            throw ChainClientException.Verification($"certificate of block {header.Height}: {check.Error}");
        }

        var body = block.CheckBody();
        return body is null ? check : throw ChainClientException.Verification($"body of block {header.Height}: {body}");
    }
}
