using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;

namespace Chain.Client;

/// <summary>
/// Checks a node's answer about an account without trusting the node: the header is certified by more
/// than 2/3 of the validator set's power, the validator set is the one the header names (and, when a
/// genesis is pinned, the set followed from it by a <see cref="LightClient"/>), and the state proof leads from the account's key to the
/// header's state root with exactly the balance and nonce the node claimed. Pure: no I/O.
/// </summary>
public static class AccountProofVerifier
{
    /// <summary>
    /// Returns what was proven; throws <see cref="ChainClientException"/> with
    /// <see cref="ChainClientErrorKind.VerificationFailed"/> naming the first check that failed, or
    /// <see cref="ChainClientErrorKind.NotFound"/> when no block is final yet. A pinned genesis is trusted
    /// as it is, without following set changes: use the <see cref="LightClient"/> overload for a header
    /// after a change.
    /// </summary>
    public static ProofReport Verify(Address address, AccountResult result, GenesisDocument? trustedGenesis) =>
        Verify(address, result, trustedGenesis is null ? null : LightClient.FromGenesis(trustedGenesis));

    /// <summary>
    /// As above, with the certificate checked by <paramref name="trusted"/>: a light client that followed
    /// the validator set from a pinned genesis up to the header's height
    /// (<see cref="ChainClient.FollowValidatorSetAsync"/>). Null trusts the set the node sent.
    /// </summary>
    public static ProofReport Verify(Address address, AccountResult result, LightClient? trusted)
    {
        if (!result.Address.AsSpan().SequenceEqual(address.ToArray()))
        {
            throw ChainClientException.Verification("the node answered for another address");
        }

        if (result.Header is null || result.Certificate is null || result.ValidatorSet is null || result.Proof is null)
        {
            throw result.Height == 0
                ? new ChainClientException(ChainClientErrorKind.NotFound,
                    "no block is final yet, so there is no certified state to prove against; retry after block 1")
                : ChainClientException.Verification($"the node sent no proof for height {result.Height}");
        }

        var header = NodeBytes.Decode("header", result.Header, BlockHeader.Decode);
        var certificate = NodeBytes.Decode("certificate", result.Certificate, QuorumCertificate.Decode);
        var validators = NodeBytes.Decode("validator set", result.ValidatorSet, ValidatorSet.Decode);
        var proof = NodeBytes.Decode("state proof", result.Proof, StateProof.Decode);

        if (header.Height != result.Height)
        {
            throw ChainClientException.Verification($"the header is for height {header.Height}, but the node claimed height {result.Height}");
        }

        if (validators.Hash != header.ValidatorSetHash)
        {
            throw ChainClientException.Verification("the validator set the node sent is not the one the header names");
        }

        CertificateCheck check;
        if (trusted is null)
        {
            check = CertificateVerifier.Verify(header, certificate, validators);
            if (!check.IsValid)
            {
                throw ChainClientException.Verification($"certificate of block {header.Height}: {check.Error}");
            }
        }
        else
        {
            var followed = trusted.Verify(header, certificate);
            check = followed.Certificate
                ?? throw ChainClientException.Verification($"{followed.Error} (checked against the validator set followed from the pinned genesis)");
        }

        if (!proof.Key.AsSpan().SequenceEqual(StateKeys.Account(address)))
        {
            throw ChainClientException.Verification("the state proof is for another key than this account");
        }

        var verdict = proof.Verify(header.StateRoot);
        var proven = verdict switch
        {
            StateProofResult.Included => NodeBytes.Decode("proven account value", proof.Value!, AccountState.Decode),
            StateProofResult.Excluded => AccountState.Empty,
            _ => throw ChainClientException.Verification($"the state proof does not lead to the state root of block {header.Height}"),
        };

        if (proven.Balance != result.Balance || proven.Nonce != result.Nonce)
        {
            throw ChainClientException.Verification(
                $"the node claimed balance {result.Balance} and nonce {result.Nonce}, but the proof shows balance {proven.Balance} and nonce {proven.Nonce}");
        }

        return new ProofReport(
            header.Height,
            header.Hash(),
            check.SignedPower,
            check.TotalPower,
            trusted is null ? ValidatorSetSource.ReportedByNode : ValidatorSetSource.PinnedGenesis,
            verdict,
            trusted?.Height ?? 0);
    }
}
