using Chain.Protocol.Blocks;
using Chain.Protocol.Genesis;

namespace Chain.Client;

/// <summary>
/// Checks a finalized block against a trusted validator set: same chain, certified by more than 2/3 of the
/// power of the set a <see cref="LightClient"/> trusts at its height, and a body that matches the header. Pure.
/// </summary>
public static class BlockVerifier
{
    /// <summary>Against the genesis set itself: right for blocks before the first validator-set change.</summary>
    public static CertificateCheck Verify(FinalizedBlock block, GenesisDocument genesis) => Verify(block, LightClient.FromGenesis(genesis));

    /// <summary>
    /// Against the set <paramref name="trusted"/> followed up to the block's height
    /// (<see cref="ChainClient.FollowValidatorSetAsync"/>). Returns the certificate check; throws
    /// <see cref="ChainClientException"/> (VerificationFailed) naming what failed.
    /// </summary>
    public static CertificateCheck Verify(FinalizedBlock block, LightClient trusted)
    {
        var verdict = trusted.Verify(block.Header, block.Certificate);
        var check = verdict.Certificate ?? throw ChainClientException.Verification(verdict.Error ?? "the certificate was not accepted");
        var body = block.CheckBody();
        return body is null ? check : throw ChainClientException.Verification($"body of block {block.Header.Height}: {body}");
    }
}
