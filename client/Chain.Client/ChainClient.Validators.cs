using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;

namespace Chain.Client;

public sealed partial class ChainClient
{
    /// <summary>
    /// Follows the validator set from <paramref name="genesis"/> through the set changes the node reports
    /// below <paramref name="height"/>, each verified by <see cref="LightClient"/>, one page of at most
    /// <see cref="LightClient.MaxChangesPerCall"/> at a time. The result trusts the set that certifies
    /// block <paramref name="height"/>. Throws <see cref="ChainClientErrorKind.VerificationFailed"/> naming
    /// the first change that does not check out.
    /// </summary>
    public async Task<LightClient> FollowValidatorSetAsync(GenesisDocument genesis, ulong height, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var light = LightClient.FromGenesis(genesis);
        while (light.Height + 1 < height)
        {
            ct.ThrowIfCancellationRequested();
            var after = light.Height;
            var page = await CallAsync(() => Shard.GetValidatorSetChangesAsync(after, LightClient.MaxChangesPerCall));
            if (page.Length > LightClient.MaxChangesPerCall)
            {
                throw ChainClientException.Verification($"asked for at most {LightClient.MaxChangesPerCall} validator-set changes, the node sent {page.Length}");
            }

            var changes = new List<LightClient.SetChange>(page.Length);
            foreach (var change in page)
            {
                var header = NodeBytes.Decode("header of a validator-set change", change.Header, BlockHeader.Decode);
                if (header.Height >= height)
                {
                    break;
                }

                changes.Add(new LightClient.SetChange(
                    header,
                    NodeBytes.Decode("certificate of a validator-set change", change.Certificate, QuorumCertificate.Decode),
                    NodeBytes.Decode("next validator set of a validator-set change", change.NextValidatorSet, ValidatorSet.Decode)));
            }

            var verdict = light.Advance(changes);
            if (!verdict.IsValid)
            {
                throw ChainClientException.Verification($"{verdict.Error} (following the validator set from the pinned genesis)");
            }

            light = verdict.Client;
            if (changes.Count < page.Length || page.Length < LightClient.MaxChangesPerCall)
            {
                break;
            }
        }

        return light;
    }

    /// <summary>
    /// Verifies that <paramref name="certificate"/> makes <paramref name="header"/> final. With
    /// <paramref name="trustedGenesis"/>, against the set followed from it (<see cref="FollowValidatorSetAsync"/>);
    /// without, against the set the node reports under the header's validator-set hash.
    /// </summary>
    public async Task<CertificateReport> VerifyHeaderAsync(
        BlockHeader header, QuorumCertificate certificate, GenesisDocument? trustedGenesis, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(certificate);
        if (trustedGenesis is not null)
        {
            var light = await FollowValidatorSetAsync(trustedGenesis, header.Height, ct);
            var verdict = light.Verify(header, certificate);
            return verdict.Certificate is { } check
                ? new CertificateReport(header, light.TrustedSet, check, ValidatorSetSource.PinnedGenesis, light.Height)
                : throw ChainClientException.Verification($"{verdict.Error} (checked against the validator set followed from the pinned genesis)");
        }

        var set = await NodeValidatorSetAsync(header);
        var nodeCheck = CertificateVerifier.Verify(header, certificate, set);
        return nodeCheck.IsValid
            ? new CertificateReport(header, set, nodeCheck, ValidatorSetSource.ReportedByNode, 0)
            : throw ChainClientException.Verification($"certificate of block {header.Height}: {nodeCheck.Error}");
    }

    /// <summary>
    /// The active set and every validator record at the latest final height. The active set must be the one
    /// the latest header commits to as its next set, and that header's certificate must verify (see
    /// <see cref="VerifyHeaderAsync"/>); before block 1 it must be the genesis set.
    /// </summary>
    public async Task<ValidatorsView> GetValidatorsAsync(GenesisDocument? trustedGenesis = null, CancellationToken ct = default)
    {
        var result = await CallAsync(() => Shard.GetValidatorsAsync());
        var active = NodeBytes.Decode("active validator set", result.ValidatorSet, ValidatorSet.Decode);
        var candidates = result.Candidates.Select(Candidate).ToArray();
        CertificateReport? report = null;
        if (result.Header is null || result.Certificate is null)
        {
            if (result.Height != 0)
            {
                throw ChainClientException.Verification($"the node sent no certified header for height {result.Height}");
            }

            if (trustedGenesis is not null && active.Hash != trustedGenesis.Validators.Hash)
            {
                throw ChainClientException.Verification("before the first block the active set must be the pinned genesis's, and the node sent another");
            }
        }
        else
        {
            var header = NodeBytes.Decode("header", result.Header, BlockHeader.Decode);
            var certificate = NodeBytes.Decode("certificate", result.Certificate, QuorumCertificate.Decode);
            if (header.Height != result.Height)
            {
                throw ChainClientException.Verification($"the header is for height {header.Height}, but the node claimed height {result.Height}");
            }

            report = await VerifyHeaderAsync(header, certificate, trustedGenesis, ct);
            if (active.Hash != header.NextValidatorSetHash)
            {
                throw ChainClientException.Verification(
                    $"the active set the node sent has hash {active.Hash}, but block {header.Height} commits to next set {header.NextValidatorSetHash}");
            }
        }

        var source = trustedGenesis is null ? ValidatorSetSource.ReportedByNode : ValidatorSetSource.PinnedGenesis;
        return new ValidatorsView(result.Height, active, candidates, result.EpochLength, result.NextEpochHeight, report, source);
    }

    /// <summary>An address's delegations (self-bond included) and unbonding entries at the latest final height, as the node reports them.</summary>
    public async Task<IReadOnlyList<Delegation>> GetStakeAsync(Address delegator)
    {
        var raw = delegator.ToArray();
        var stakes = await CallAsync(() => Shard.GetStakeAsync(raw));
        return [.. stakes.Select(s => s.Validator.Length == Address.Size
            ? new Delegation(new Address(s.Validator), s.Tokens, s.Unbonding)
            : throw ChainClientException.Verification($"a delegation names a validator address of {s.Validator.Length} bytes"))];
    }

    /// <summary>
    /// The set the node names by <paramref name="header"/>'s validator-set hash: its genesis set when that is
    /// the one (always so before the first change, and no extra call), otherwise the set it serves by hash.
    /// </summary>
    private async Task<ValidatorSet> NodeValidatorSetAsync(BlockHeader header)
    {
        var genesis = await GetGenesisAsync();
        if (!string.Equals(header.ChainId, genesis.ChainId, StringComparison.Ordinal))
        {
            throw ChainClientException.Verification($"block {header.Height} is for chain '{header.ChainId}', but the node's genesis is for '{genesis.ChainId}'");
        }

        var hash = header.ValidatorSetHash;
        if (genesis.Validators.Hash == hash)
        {
            return genesis.Validators;
        }

        var bytes = await CallAsync(() => Shard.GetValidatorSetAsync(hash.ToArray()))
            ?? throw ChainClientException.Verification($"the node does not serve validator set {hash}, which block {header.Height} names");
        var set = NodeBytes.Decode("validator set", bytes, ValidatorSet.Decode);
        return set.Hash == hash ? set : throw ChainClientException.Verification("the validator set the node sent is not the one the header names");
    }

    private static ValidatorCandidate Candidate(ValidatorInfo info)
    {
        if (info.Address.Length != Address.Size || info.PublicKey.Length != PublicKey.Size)
        {
            throw ChainClientException.Verification("a validator record has a malformed address or public key");
        }

        var address = new Address(info.Address);
        var key = new PublicKey(info.PublicKey);
        return key.ToAddress() == address
            ? new ValidatorCandidate(address, key, info.Tokens, info.Power, info.Status, info.JailedUntilHeight, info.MissedBlocks)
            : throw ChainClientException.Verification($"validator record {address}: the address is not its public key's");
    }
}
