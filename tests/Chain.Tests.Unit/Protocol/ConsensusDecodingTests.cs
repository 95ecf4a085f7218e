using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

/// <summary>The consensus and block decoders reject what the specification rejects, with a <see cref="DecodeException"/> and nothing else.</summary>
public sealed class ConsensusDecodingTests
{
    [Fact]
    public void A_proposal_whose_pol_round_does_not_fit_in_32_bits_is_rejected_not_an_overflow()
    {
        var bytes = ProposalMessageBytes(round: uint.MaxValue, polRound: (long)int.MaxValue + 1);
        Assert.Throws<DecodeException>(() => ConsensusMessage.Decode(bytes));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData((uint)int.MaxValue)]
    [InlineData((uint)int.MaxValue + 1)]
    [InlineData(uint.MaxValue)]
    public void A_pol_round_is_accepted_exactly_when_it_is_minus_one_or_an_earlier_round_within_31_bits(uint round)
    {
        long[] candidates = [long.MinValue, -2, -1, 0, 1, (long)round - 1, round, (long)round + 1, int.MaxValue, (long)int.MaxValue + 1, long.MaxValue];
        foreach (var polRound in candidates.Distinct())
        {
            var bytes = ProposalMessageBytes(round, polRound);
            var accepted = polRound == -1 || (polRound >= 0 && polRound < round && polRound <= int.MaxValue);
            if (accepted)
            {
                var proposal = ((ProposalMessage)ConsensusMessage.Decode(bytes)).Proposal;
                Assert.Equal(polRound, proposal.PolRound);
                Assert.Equal(bytes, ConsensusMessage.Decode(bytes).Encode());
            }
            else
            {
                Assert.Throws<DecodeException>(() => ConsensusMessage.Decode(bytes));
            }
        }
    }

    [Fact]
    public void Only_vote_kinds_1_and_2_decode()
    {
        var vote = VectorFixtures.VoteBy(1, VoteKind.Prevote, 1, 0, VectorFixtures.Block1().Hash()).Encode();
        for (var kind = 0; kind <= byte.MaxValue; kind++)
        {
            var bytes = (byte[])vote.Clone();
            bytes[0] = (byte)kind;
            if (kind is 1 or 2)
            {
                Assert.Equal((VoteKind)kind, SignedVote.Decode(bytes).Vote.Kind);
            }
            else
            {
                Assert.Throws<DecodeException>(() => SignedVote.Decode(bytes));
                Assert.Throws<DecodeException>(() => ConsensusMessage.Decode([2, .. bytes]));
            }
        }
    }

    [Fact]
    public void Only_message_kinds_1_and_2_decode()
    {
        var vote = VectorFixtures.VoteBy(1, VoteKind.Prevote, 1, 0, VectorFixtures.Block1().Hash()).Encode();
        var proposal = ProposalMessageBytes(round: 0, polRound: -1)[1..];
        for (var kind = 0; kind <= byte.MaxValue; kind++)
        {
            if (kind is 1 or 2)
            {
                Assert.NotNull(ConsensusMessage.Decode([(byte)kind, .. kind == 1 ? proposal : vote]));
            }
            else
            {
                Assert.Throws<DecodeException>(() => ConsensusMessage.Decode([(byte)kind, .. vote]));
                Assert.Throws<DecodeException>(() => ConsensusMessage.Decode([(byte)kind, .. proposal]));
            }
        }
    }

    [Fact]
    public void Only_payload_kinds_1_to_7_decode()
    {
        var kindOffset = 1 + 1 + VectorFixtures.ChainId.Length + 8 + PublicKey.Size + 8;
        foreach (var tx in new[]
        {
            VectorFixtures.TransferWithoutMemo(), VectorFixtures.BondTransaction(), VectorFixtures.DelegateTransaction(), VectorFixtures.UnbondTransaction(),
            VectorFixtures.WithdrawTransaction(), VectorFixtures.ReportEquivocationTransaction(), VectorFixtures.UnjailTransaction(),
        })
        {
            var bytes = tx.Encode();
            Assert.Equal(tx.Body, SignedTransaction.Decode(bytes).Body);
            foreach (var kind in Enumerable.Range(0, 256).Where(k => k is 0 or > 7))
            {
                var changed = (byte[])bytes.Clone();
                changed[kindOffset] = (byte)kind;
                Assert.Throws<DecodeException>(() => SignedTransaction.Decode(changed));
            }
        }
    }

    [Fact]
    public void A_block_larger_than_the_limit_is_rejected_before_it_is_parsed()
    {
        var bytes = new byte[ProtocolLimits.MaxBlockBytes + 1];
        VectorFixtures.ProposedBlock1().Encode().CopyTo(bytes, 0);
        var error = Assert.Throws<DecodeException>(() => Block.Decode(bytes));
        Assert.Contains("exceeds the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consensus_message_larger_than_the_limit_is_rejected_before_it_is_parsed()
    {
        var bytes = new byte[ConsensusMessage.MaxEncodedBytes + 1];
        new VoteMessage(VectorFixtures.VoteBy(1, VoteKind.Prevote, 1, 0, Hash32.Zero)).Encode().CopyTo(bytes, 0);
        var error = Assert.Throws<DecodeException>(() => ConsensusMessage.Decode(bytes));
        Assert.Contains("exceeds the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposal_message_may_carry_a_block_of_exactly_the_block_limit()
    {
        var block = new byte[ProtocolLimits.MaxBlockBytes];
        var message = new ProposalMessage(VectorFixtures.ProposalBy(1, VectorFixtures.Block1(), 0, -1), block).Encode();
        Assert.True(message.Length <= ConsensusMessage.MaxEncodedBytes);
        Assert.Equal(block.Length, ((ProposalMessage)ConsensusMessage.Decode(message)).Block.Length);

        var tooLong = new ProposalMessage(VectorFixtures.ProposalBy(1, VectorFixtures.Block1(), 0, -1), new byte[ProtocolLimits.MaxBlockBytes + 1]).Encode();
        Assert.Throws<DecodeException>(() => ConsensusMessage.Decode(tooLong));
    }

    [Fact]
    public void A_certificate_of_the_largest_validator_set_fits_its_limit_and_one_more_signature_does_not()
    {
        var hash = VectorFixtures.Block1().Hash();
        var largest = new QuorumCertificate(1, 0, hash, [.. Enumerable.Range(0, ProtocolLimits.MaxValidators).Select(i => new CommitSignature((uint)i, default))]);
        Assert.Equal(ProtocolLimits.MaxCertificateBytes, largest.Encode().Length);
        var block = new Block(VectorFixtures.Block1(), largest, []);
        Assert.Equal(largest.Encode(), Block.Decode(block.Encode()).LastCertificate!.Encode());

        var oneMore = largest with { Signatures = [.. largest.Signatures, new CommitSignature((uint)ProtocolLimits.MaxValidators, default)] };
        Assert.Throws<DecodeException>(() => Block.Decode(new Block(VectorFixtures.Block1(), oneMore, []).Encode()));
        Assert.Throws<DecodeException>(() => QuorumCertificate.Decode(oneMore.Encode()));
    }

    [Fact]
    public void A_header_of_the_longest_chain_id_is_exactly_the_header_limit()
    {
        var header = VectorFixtures.Block1() with { ChainId = new string('a', ProtocolLimits.MaxChainIdLength) };
        Assert.Equal(BlockHeader.EncodedMaxBytes, header.Encode().Length);
        Assert.Equal(header, Block.Decode(new Block(header, null, []).Encode()).Header);
    }

    private static byte[] ProposalMessageBytes(uint round, long polRound)
    {
        var w = new CanonicalWriter();
        w.WriteU8(1);
        w.WriteAscii("chain-test");
        w.WriteU64(1);
        w.WriteU32(round);
        w.WriteI64(polRound);
        w.WriteFixed(new byte[32]);
        w.WriteFixed(new byte[PublicKey.Size]);
        w.WriteFixed(new byte[Signature.Size]);
        w.WriteBytes([]);
        return w.ToArray();
    }
}
