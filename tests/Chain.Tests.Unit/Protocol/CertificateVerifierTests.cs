using Chain.Protocol.Blocks;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

/// <summary>
/// A certificate is final when distinct, ascending members of the header's validator set holding more
/// than 2/3 of the power (3·signed &gt; 2·total) signed a precommit for exactly this header.
/// </summary>
public sealed class CertificateVerifierTests
{
    /// <summary>Powers of validators with seeds 1, 2, 3, ...; signers as positions in that list; whether they are a quorum.</summary>
    public static TheoryData<ulong[], int[], bool> QuorumTable => new()
    {
        { [1], [0], true },
        { [1, 1], [0], false },
        { [1, 1], [0, 1], true },
        { [1, 1, 1], [0, 1], false },        // exactly 2/3 is not enough
        { [1, 1, 1], [0, 1, 2], true },
        { [2, 1], [0], false },              // exactly 2/3 again
        { [2, 1], [1], false },
        { [2, 1], [0, 1], true },
        { [3, 1], [0], true },               // 3/4 > 2/3
        { [2, 1, 1], [0], false },
        { [2, 1, 1], [1, 2], false },
        { [2, 1, 1], [0, 1], true },         // 3/4
        { [1, 1, 1, 1], [0, 1], false },
        { [1, 1, 1, 1], [0, 1, 2], true },
        { [30, 20, 10], [0, 2], false },     // 40 of 60
        { [30, 20, 10], [0, 1], true },      // 50 of 60
        { [5, 5, 5, 5, 5, 5], [0, 1, 2, 3], false },
        { [5, 5, 5, 5, 5, 5], [0, 1, 2, 3, 4], true },
    };

    [Theory]
    [MemberData(nameof(QuorumTable))]
    public void Signers_are_a_quorum_only_with_more_than_two_thirds_of_the_power(ulong[] powers, int[] signers, bool quorum)
    {
        var set = SetOf(powers);
        var header = HeaderFor(set);
        var check = CertificateVerifier.Verify(header, Certify(header, set, signers), set);

        Assert.Equal(quorum, check.IsValid);
        if (quorum)
        {
            Assert.Equal(signers.Aggregate(0UL, (sum, i) => sum + powers[i]), check.SignedPower);
            Assert.Equal(powers.Aggregate(0UL, (sum, p) => sum + p), check.TotalPower);
        }
        else
        {
            Assert.Contains("2/3", check.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_quorum_rule_does_not_overflow_near_the_largest_total_power()
    {
        var third = ulong.MaxValue / 3;
        var set = SetOf([third, third, third]);
        Assert.False(set.IsQuorum(2 * third));
        Assert.True(set.IsQuorum((2 * third) + 1));
    }

    [Fact]
    public void A_signature_counted_twice_is_rejected_even_if_it_would_make_a_quorum()
    {
        var set = SetOf([1, 1, 1]);
        var header = HeaderFor(set);
        var valid = Certify(header, set, [0, 1]);
        var doubled = valid with { Signatures = [valid.Signatures[0], valid.Signatures[0], valid.Signatures[1]] };
        var check = CertificateVerifier.Verify(header, doubled, set);
        Assert.False(check.IsValid);
        Assert.Contains("repeated", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Signatures_out_of_ascending_order_are_rejected()
    {
        var set = SetOf([1, 1, 1]);
        var header = HeaderFor(set);
        var valid = Certify(header, set, [0, 1, 2]);
        Assert.True(CertificateVerifier.Verify(header, valid, set).IsValid);
        var unsorted = valid with { Signatures = [valid.Signatures[1], valid.Signatures[0], valid.Signatures[2]] };
        Assert.False(CertificateVerifier.Verify(header, unsorted, set).IsValid);
    }

    [Fact]
    public void A_validator_index_outside_the_set_is_rejected()
    {
        var set = SetOf([1, 1]);
        var header = HeaderFor(set);
        var valid = Certify(header, set, [0, 1]);
        var outside = valid with { Signatures = [valid.Signatures[0], valid.Signatures[1] with { ValidatorIndex = 2 }] };
        Assert.False(CertificateVerifier.Verify(header, outside, set).IsValid);
    }

    [Fact]
    public void A_certificate_for_another_block_height_or_round_is_rejected()
    {
        var set = SetOf([1]);
        var header = HeaderFor(set);
        var valid = Certify(header, set, [0]);
        Assert.True(CertificateVerifier.Verify(header, valid, set).IsValid);

        var otherHeader = header with { TimeUnixMs = header.TimeUnixMs + 1 };
        Assert.False(CertificateVerifier.Verify(otherHeader, valid, set).IsValid);
        Assert.False(CertificateVerifier.Verify(header, valid with { Height = header.Height + 1 }, set).IsValid);
        Assert.False(CertificateVerifier.Verify(header, valid with { Round = valid.Round + 1 }, set).IsValid);
        Assert.False(CertificateVerifier.Verify(header, valid with { BlockHash = otherHeader.Hash() }, set).IsValid);
    }

    [Fact]
    public void A_certificate_checked_against_another_validator_set_is_rejected()
    {
        var set = SetOf([1, 1, 1]);
        var header = HeaderFor(set);
        var valid = Certify(header, set, [0, 1, 2]);
        var samePeopleOtherPowers = SetOf([1, 1, 2]);
        var check = CertificateVerifier.Verify(header, valid, samePeopleOtherPowers);
        Assert.False(check.IsValid);
        Assert.Contains("validator set", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prevotes_and_votes_for_another_chain_do_not_count()
    {
        var set = SetOf([1]);
        var header = HeaderFor(set);
        using var key = VectorFixtures.Key(1);
        var prevote = new Vote(VoteKind.Prevote, header.ChainId, header.Height, 0, header.Hash()).SigningBytes();
        var otherChain = new Vote(VoteKind.Precommit, "other-chain", header.Height, 0, header.Hash()).SigningBytes();
        foreach (var message in new[] { prevote, otherChain })
        {
            var qc = new QuorumCertificate(header.Height, 0, header.Hash(), [new CommitSignature(0, key.Sign(message))]);
            Assert.False(CertificateVerifier.Verify(header, qc, set).IsValid);
        }
    }

    [Fact]
    public void A_signature_by_a_key_outside_the_set_is_rejected()
    {
        var set = SetOf([1]);
        var header = HeaderFor(set);
        using var stranger = VectorFixtures.Key(9);
        var message = new Vote(VoteKind.Precommit, header.ChainId, header.Height, 0, header.Hash()).SigningBytes();
        var qc = new QuorumCertificate(header.Height, 0, header.Hash(), [new CommitSignature(0, stranger.Sign(message))]);
        Assert.False(CertificateVerifier.Verify(header, qc, set).IsValid);
    }

    [Fact]
    public void A_certificate_with_more_signatures_than_validators_is_rejected()
    {
        var set = SetOf([1]);
        var header = HeaderFor(set);
        var valid = Certify(header, set, [0]);
        var padded = valid with { Signatures = [valid.Signatures[0], new CommitSignature(1, valid.Signatures[0].Signature)] };
        Assert.False(CertificateVerifier.Verify(header, padded, set).IsValid);
    }

    [Fact]
    public void A_valid_certificate_still_verifies_after_an_encode_decode_round_trip()
    {
        var set = SetOf([30, 20, 10]);
        var header = HeaderFor(set);
        var decoded = QuorumCertificate.Decode(Certify(header, set, [0, 1]).Encode());
        Assert.True(CertificateVerifier.Verify(header, decoded, set).IsValid);
    }

    /// <summary>Validators with seeds 1..n and the given powers, in that order (positions, not set indices).</summary>
    private static ValidatorSet SetOf(ulong[] powers) =>
        new(powers.Select((p, i) => new Validator(VectorFixtures.PublicKeyOf((byte)(i + 1)), p)));

    private static BlockHeader HeaderFor(ValidatorSet set) => VectorFixtures.Block2() with { ValidatorSetHash = set.Hash };

    private static QuorumCertificate Certify(BlockHeader header, ValidatorSet set, int[] signers) =>
        VectorFixtures.Certify(header, 0, set, [.. signers.Select(i => (byte)(i + 1))]);
}
