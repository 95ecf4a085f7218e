using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Tests.Unit.Protocol.Vectors;
using CsCheck;

namespace Chain.Tests.Unit.Protocol;

/// <summary>A vote's or proposal's signature covers every byte of it: a changed one fails to decode or fails to verify.</summary>
public sealed class SignedConsensusTamperingTests
{
    public static TheoryData<string> Votes => ["prevote", "precommit", "nil prevote", "nil precommit"];

    [Theory]
    [MemberData(nameof(Votes))]
    public void Flipping_any_single_bit_of_a_signed_vote_breaks_decoding_or_the_signature(string name)
    {
        var vote = VoteNamed(name);
        Assert.True(vote.HasValidSignature());
        var bytes = vote.Encode();
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            AssertVoteRejected(flipped);
        }
    }

    [Fact]
    public void Random_bit_flips_in_randomly_signed_votes_break_decoding_or_the_signature() =>
        Gen.Select(ProtocolGenerators.Vote, Gen.Byte[1, 8], Gen.Int[0, int.MaxValue].Array[1, 3]).Sample((vote, seed, bits) =>
        {
            using var key = VectorFixtures.Key(seed);
            var signed = SignedVote.Create(vote, key);
            Assert.True(SignedVote.Decode(signed.Encode()).HasValidSignature());

            var flipped = signed.Encode();
            foreach (var bit in bits.Select(b => b % (flipped.Length * 8)).Distinct())
            {
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            AssertVoteRejected(flipped);
        }, iter: 200);

    [Fact]
    public void Flipping_any_single_bit_of_a_proposal_message_breaks_decoding_the_signature_or_the_block()
    {
        // Block 2 carries a parent certificate, so flips land in the header, the certificate and the framing.
        var proposal = VectorFixtures.ProposalBy(2, VectorFixtures.Block2(), 2, 1);
        var message = new ProposalMessage(proposal, VectorFixtures.ProposedBlock2().Encode());
        Assert.True(proposal.HasValidSignature());
        Assert.True(BlockMatches(message));
        var bytes = message.Encode();
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            ConsensusMessage decoded;
            try
            {
                decoded = ConsensusMessage.Decode(flipped);
            }
            catch (DecodeException)
            {
                continue;
            }

            var tampered = Assert.IsType<ProposalMessage>(decoded);
            Assert.False(tampered.Proposal.HasValidSignature() && BlockMatches(tampered), $"bit {bit} changed the message and it still checks");
        }
    }

    [Fact]
    public void Random_bit_flips_in_randomly_signed_proposals_break_decoding_or_the_signature() =>
        Gen.Select(ProtocolGenerators.SignedProposal, Gen.Byte[1, 8], Gen.Int[0, int.MaxValue].Array[1, 3]).Sample((p, seed, bits) =>
        {
            using var key = VectorFixtures.Key(seed);
            var signed = SignedProposal.Create(p.ChainId, p.Height, p.Round, p.PolRound, p.BlockHash, key);
            var bytes = new ProposalMessage(signed, []).Encode();
            Assert.True(((ProposalMessage)ConsensusMessage.Decode(bytes)).Proposal.HasValidSignature());

            // Flip only inside the proposal: after the kind byte, before the empty block's length prefix.
            foreach (var bit in bits.Select(b => 8 + (b % ((bytes.Length - 5) * 8))).Distinct())
            {
                bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            try
            {
                Assert.False(((ProposalMessage)ConsensusMessage.Decode(bytes)).Proposal.HasValidSignature());
            }
            catch (DecodeException)
            {
            }
        }, iter: 200);

    [Fact]
    public void A_proposal_signed_with_a_pol_round_not_before_its_round_does_not_verify()
    {
        var proposal = VectorFixtures.ProposalBy(1, VectorFixtures.Block1(), 2, 2);
        Assert.False(proposal.HasValidSignature());
        Assert.False((proposal with { PolRound = -2 }).HasValidSignature());
    }

    [Fact]
    public void A_vote_signature_is_not_a_proposal_signature_and_a_prevote_is_not_a_precommit()
    {
        var header = VectorFixtures.Block1();
        using var key = VectorFixtures.Key(1);
        var prevote = VectorFixtures.VoteBy(1, VoteKind.Prevote, header.Height, 0, header.Hash());
        var asProposal = VectorFixtures.ProposalBy(1, header, 0, -1) with { Signature = prevote.Signature };
        Assert.False(asProposal.HasValidSignature());
        Assert.False((prevote with { Vote = prevote.Vote with { Kind = VoteKind.Precommit } }).HasValidSignature());
    }

    [Fact]
    public void The_signature_of_a_signed_precommit_is_the_one_a_certificate_carries()
    {
        var header = VectorFixtures.Block2();
        var set = VectorFixtures.ThreeValidatorSet();
        var precommits = new[] { VectorFixtures.VoteBy(1, VoteKind.Precommit, 2, 1, header.Hash()), VectorFixtures.VoteBy(2, VoteKind.Precommit, 2, 1, header.Hash()) };
        var qc = new QuorumCertificate(2, 1, header.Hash(), [.. precommits.Select(v => new CommitSignature((uint)set.IndexOf(v.Validator), v.Signature)).OrderBy(s => s.ValidatorIndex)]);
        Assert.True(CertificateVerifier.Verify(header, qc, set).IsValid);
        Assert.Equal(VectorFixtures.Block2Certificate().Encode(), qc.Encode());
    }

    private static SignedVote VoteNamed(string name)
    {
        var hash = VectorFixtures.Block2().Hash();
        return name switch
        {
            "prevote" => VectorFixtures.VoteBy(1, VoteKind.Prevote, 2, 1, hash),
            "precommit" => VectorFixtures.VoteBy(2, VoteKind.Precommit, 2, 1, hash),
            "nil prevote" => VectorFixtures.VoteBy(3, VoteKind.Prevote, 2, 1, Hash32.Zero),
            "nil precommit" => VectorFixtures.VoteBy(3, VoteKind.Precommit, 2, uint.MaxValue, Hash32.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static bool BlockMatches(ProposalMessage message)
    {
        try
        {
            var block = Block.Decode(message.Block);
            return block.Hash() == message.Proposal.BlockHash && block.CheckBody() is null;
        }
        catch (DecodeException)
        {
            return false;
        }
    }

    private static void AssertVoteRejected(byte[] bytes)
    {
        SignedVote decoded;
        try
        {
            decoded = SignedVote.Decode(bytes);
        }
        catch (DecodeException)
        {
            return;
        }

        Assert.False(decoded.HasValidSignature());
    }
}
