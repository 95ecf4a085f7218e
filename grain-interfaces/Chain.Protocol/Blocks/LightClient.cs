using Chain.Protocol.Genesis;

namespace Chain.Protocol.Blocks;

/// <summary>
/// Follows the validator set from a trusted root (the genesis set) without trusting whoever serves the
/// headers. Each validator-set change is a finalized header at which the set changes: it must be
/// certified by the set trusted so far (its <see cref="BlockHeader.ValidatorSetHash"/> names that set and
/// more than 2/3 of its power signed it), come after the last change, and bring a next set whose hash is
/// the header's <see cref="BlockHeader.NextValidatorSetHash"/>. That next set is then trusted for every
/// block above the change's height, so a header of any later height can be checked with
/// <see cref="Verify"/>.
/// <para>
/// Immutable and pure: <see cref="Advance"/> returns a new client and leaves this one as it was. Bad input
/// is a <see cref="Verdict"/>, never an exception. Cost is bounded: at most
/// <see cref="MaxChangesPerCall"/> changes per call, each at most one Ed25519 check per validator; a
/// longer history is walked page by page.
/// </para>
/// <para>
/// What it cannot detect: a node that leaves changes out. A header is then checked against an older set,
/// which fails unless that older set really signed it; the trust in the root set is what bounds this.
/// </para>
/// </summary>
public sealed class LightClient
{
    /// <summary>The most set changes one <see cref="Advance"/> call takes (one page of <c>GetValidatorSetChanges</c>).</summary>
    public const int MaxChangesPerCall = 1000;

    private LightClient(string chainId, ValidatorSet trustedSet, ulong height)
    {
        ChainId = chainId;
        TrustedSet = trustedSet;
        Height = height;
    }

    /// <summary>Why a change or a header was not accepted.</summary>
    public enum Rejection
    {
        /// <summary>Accepted.</summary>
        None,

        /// <summary>More than <see cref="MaxChangesPerCall"/> changes in one call.</summary>
        TooManyChanges,

        /// <summary>The header is for another chain id than the trusted root's.</summary>
        WrongChain,

        /// <summary>The header's height is not above the last trusted change (heights must strictly increase).</summary>
        HeightNotAfterTrusted,

        /// <summary>The header names a validator set other than the trusted one.</summary>
        ValidatorSetNotTrusted,

        /// <summary>The certificate is not a valid quorum of the trusted set for this header.</summary>
        CertificateInvalid,

        /// <summary>The next set sent with a change is not the one the header's NextValidatorSetHash commits to.</summary>
        NextSetMismatch,
    }

    /// <summary>The chain the trusted root belongs to; every header must carry it.</summary>
    public string ChainId { get; }

    /// <summary>The validator set that certifies every block above <see cref="Height"/> (until the next change).</summary>
    public ValidatorSet TrustedSet { get; }

    /// <summary>The height of the last verified set change; 0 while the root set is trusted.</summary>
    public ulong Height { get; }

    /// <summary>Trusts the genesis validator set: it certifies block 1 onwards.</summary>
    public static LightClient FromGenesis(GenesisDocument genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return new LightClient(genesis.ChainId, genesis.Validators, 0);
    }

    /// <summary>
    /// Trusts <paramref name="trustedSet"/> for the blocks above <paramref name="height"/> of chain
    /// <paramref name="chainId"/>, for a root obtained out of band (a checkpoint) rather than from a genesis.
    /// </summary>
    public static LightClient Trusting(string chainId, ValidatorSet trustedSet, ulong height)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        ArgumentNullException.ThrowIfNull(trustedSet);
        return new LightClient(chainId, trustedSet, height);
    }

    /// <summary>
    /// Verifies <paramref name="changes"/> in order and returns the client that trusts the last one's next
    /// set. All or nothing: on the first bad change the verdict names it (<see cref="Verdict.Index"/>) and
    /// carries this client unchanged.
    /// </summary>
    public Verdict Advance(IReadOnlyList<SetChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count > MaxChangesPerCall)
        {
            return Reject(Rejection.TooManyChanges, -1, $"{changes.Count} validator-set changes in one call; the limit is {MaxChangesPerCall}");
        }

        var set = TrustedSet;
        var height = Height;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var header = change.Header;
            var problem = Check(header, change.Certificate, set, height, out _);
            if (problem is { } rejected)
            {
                return Reject(rejected.Kind, i, $"validator-set change {i} (block {header.Height}): {rejected.Message}");
            }

            if (change.NextValidatorSet.Hash != header.NextValidatorSetHash)
            {
                return Reject(
                    Rejection.NextSetMismatch,
                    i,
                    $"validator-set change {i} (block {header.Height}): the next set sent has hash {change.NextValidatorSet.Hash}, the header commits to {header.NextValidatorSetHash}");
            }

            set = change.NextValidatorSet;
            height = header.Height;
        }

        return new Verdict(new LightClient(ChainId, set, height), Rejection.None, null, -1, null);
    }

    /// <summary>
    /// Checks that <paramref name="header"/> is final by the trusted set: same chain, above the last change,
    /// naming the trusted set, and certified by more than 2/3 of its power. The verdict carries the
    /// certificate check (signed and total power) when it holds.
    /// </summary>
    public Verdict Verify(BlockHeader header, QuorumCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(certificate);
        var problem = Check(header, certificate, TrustedSet, Height, out var check);
        return problem is { } rejected
            ? Reject(rejected.Kind, -1, $"block {header.Height}: {rejected.Message}")
            : new Verdict(this, Rejection.None, null, -1, check);
    }

    private (Rejection Kind, string Message)? Check(
        BlockHeader header, QuorumCertificate certificate, ValidatorSet set, ulong afterHeight, out CertificateCheck? check)
    {
        check = null;
        if (!string.Equals(header.ChainId, ChainId, StringComparison.Ordinal))
        {
            return (Rejection.WrongChain, $"the header is for chain '{header.ChainId}', the trusted root for '{ChainId}'");
        }

        if (header.Height <= afterHeight)
        {
            return (Rejection.HeightNotAfterTrusted, $"height {header.Height} is not above the last trusted change at height {afterHeight}");
        }

        if (header.ValidatorSetHash != set.Hash)
        {
            return (Rejection.ValidatorSetNotTrusted, $"the header names validator set {header.ValidatorSetHash}, but the trusted set is {set.Hash} (forged, or a set change before it is missing)");
        }

        var result = CertificateVerifier.Verify(header, certificate, set);
        if (!result.IsValid)
        {
            return (Rejection.CertificateInvalid, $"certificate: {result.Error}");
        }

        check = result;
        return null;
    }

    private Verdict Reject(Rejection kind, int index, string error) => new(this, kind, error, index, null);

    /// <summary>A finalized header at which the set changes, its certificate, and the set that certifies the blocks after it.</summary>
    public sealed record SetChange(BlockHeader Header, QuorumCertificate Certificate, ValidatorSet NextValidatorSet);

    /// <summary>
    /// The outcome of <see cref="Advance"/> or <see cref="Verify"/>. <see cref="Client"/> is the client to go on
    /// with (advanced on success, unchanged on failure). <see cref="Index"/> is the offending change, or -1.
    /// <see cref="Certificate"/> is set when <see cref="Verify"/> accepted a header.
    /// </summary>
    public sealed record Verdict(LightClient Client, Rejection Rejection, string? Error, int Index, CertificateCheck? Certificate)
    {
        /// <summary>True when the changes or the header were accepted.</summary>
        public bool IsValid => Rejection == Rejection.None;
    }
}
