using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

public sealed partial class TestVectorTests
{
    [Fact]
    public void Signed_vote_vectors_sign_encode_and_verify_as_recorded()
    {
        var vectors = Items(Load("consensus.json")["signedVotes"]).ToArray();
        Assert.Contains(vectors, v => (bool)v["nil"]! && (int)v["kind"]! == (int)VoteKind.Prevote);
        Assert.Contains(vectors, v => (bool)v["nil"]! && (int)v["kind"]! == (int)VoteKind.Precommit);
        Assert.Contains(vectors, v => !(bool)v["signatureValid"]!);
        foreach (var v in vectors)
        {
            var vote = new Vote((VoteKind)(int)v["kind"]!, (string)v["chainId"]!, U64(v["height"]), (uint)v["round"]!, Hash(v["blockHash"]));
            var signed = new SignedVote(vote, new PublicKey(Bytes(v["validator"])), new Signature(Bytes(v["signature"])));
            Assert.Equal(Bytes(v["signingBytes"]), vote.SigningBytes());
            Assert.Equal(Bytes(v["encoding"]), signed.Encode());
            Assert.Equal((bool)v["nil"]!, signed.IsNil);
            Assert.Equal((bool)v["signatureValid"]!, signed.HasValidSignature());
            Assert.Equal(signed, SignedVote.Decode(Bytes(v["encoding"])));
            if (v["seed"] is { } seed)
            {
                using var key = KeyPair.FromSeed(Bytes(seed));
                Assert.Equal(signed, SignedVote.Create(vote, key));
            }
        }
    }

    [Fact]
    public void Signed_proposal_vectors_sign_encode_and_verify_as_recorded()
    {
        var vectors = Items(Load("consensus.json")["signedProposals"]).ToArray();
        Assert.Contains(vectors, v => (int)v["polRound"]! == -1);
        Assert.Contains(vectors, v => (int)v["polRound"]! >= 0 && (bool)v["valid"]!);
        foreach (var v in vectors)
        {
            var proposal = new SignedProposal(
                (string)v["chainId"]!, U64(v["height"]), (uint)v["round"]!, (int)v["polRound"]!, Hash(v["blockHash"]),
                new PublicKey(Bytes(v["proposer"])), new Signature(Bytes(v["signature"])));
            Assert.Equal(Bytes(v["signingBytes"]), SignedProposal.SigningBytes(proposal.ChainId, proposal.Height, proposal.Round, proposal.PolRound, proposal.BlockHash));
            Assert.Equal(Bytes(v["encoding"]), VectorGenerator.ProposalBytes(proposal));
            Assert.Equal((bool)v["valid"]!, proposal.HasValidSignature());
            Assert.Equal(proposal, ProposalOf(Bytes(v["encoding"])));
            if (v["seed"] is { } seed)
            {
                using var key = KeyPair.FromSeed(Bytes(seed));
                Assert.Equal(proposal, SignedProposal.Create(proposal.ChainId, proposal.Height, proposal.Round, proposal.PolRound, proposal.BlockHash, key));
            }
        }
    }

    [Fact]
    public void Consensus_message_vectors_decode_and_encode_as_recorded()
    {
        var vectors = Items(Load("consensus.json")["messages"]).ToArray();
        Assert.Contains(vectors, v => (int)v["kind"]! == 1);
        Assert.Contains(vectors, v => (int)v["kind"]! == 2);
        foreach (var v in vectors)
        {
            var message = ConsensusMessage.Decode(Bytes(v["encoding"]));
            Assert.Equal(Bytes(v["encoding"]), message.Encode());
            switch (message)
            {
                case ProposalMessage p:
                    Assert.Equal(1, (int)v["kind"]!);
                    Assert.Equal(Bytes(v["proposal"]), VectorGenerator.ProposalBytes(p.Proposal));
                    Assert.Equal(Bytes(v["block"]), p.Block);
                    Assert.Equal((bool)v["blockMatchesProposal"]!, Block.Decode(p.Block).Hash() == p.Proposal.BlockHash);
                    break;
                case VoteMessage m:
                    Assert.Equal(2, (int)v["kind"]!);
                    Assert.Equal(Bytes(v["vote"]), m.Vote.Encode());
                    break;
                default:
                    throw new InvalidOperationException($"unexpected message {message.GetType().Name}");
            }
        }
    }

    [Fact]
    public void Evidence_vectors_decode_and_check_as_recorded()
    {
        var vectors = Items(Load("consensus.json")["evidence"]).ToArray();
        Assert.Equal([1, 2, 3, 4, 5], vectors.Where(v => v["failedRule"] is not null).Select(v => (int)v["failedRule"]!).Distinct().Order());
        Assert.Contains(vectors, v => (bool)v["valid"]!);
        foreach (var v in vectors)
        {
            var evidence = DuplicateVoteEvidence.Decode(Bytes(v["encoding"]));
            Assert.Equal(Bytes(v["first"]), evidence.First.Encode());
            Assert.Equal(Bytes(v["second"]), evidence.Second.Encode());
            Assert.Equal(Bytes(v["encoding"]), evidence.Encode());
            var error = evidence.Check((string)v["chainId"]!);
            Assert.Equal((bool)v["valid"]!, error is null);
            Assert.Equal(v["failedRule"] is null ? null : (int?)v["failedRule"], VectorGenerator.EvidenceRule(error));
            if (error is null)
            {
                Assert.Equal(evidence, DuplicateVoteEvidence.Of(evidence.Second, evidence.First));
            }
        }
    }

    [Fact]
    public void Leader_selection_vectors_name_the_recorded_leaders()
    {
        var file = Load("consensus.json")["leaderSelection"]!;
        var sets = Items(file["validatorSets"]).ToDictionary(s => (string)s["name"]!, ValidatorSetOf);
        foreach (var s in Items(file["validatorSets"]))
        {
            Assert.Equal(Bytes(s["encoding"]), sets[(string)s["name"]!].Encode());
        }

        var draws = Items(file["draws"]).ToArray();
        Assert.Contains(draws, d => (string)d["validatorSet"]! == "three" && (int)d["leader"]! == 2);
        foreach (var d in draws)
        {
            var set = sets[(string)d["validatorSet"]!];
            var leader = LeaderSelection.Leader(set, Hash(d["seed"]), U64(d["height"]), (uint)d["round"]!);
            Assert.Equal((int)d["leader"]!, leader);
            Assert.Equal(Bytes(d["leaderPublicKey"]), set.Validators[leader].PublicKey.ToArray());
            Assert.Equal(Hash(d["digest"]), Hashing.Tagged(HashTags.LeaderSeed, Bytes(d["input"])));
        }

        var tally = file["tally"]!;
        var counts = VectorGenerator.Tally(sets[(string)tally["validatorSet"]!], Hash(tally["seed"]), U64(tally["height"]), (int)tally["rounds"]!);
        Assert.Equal(Items(tally["counts"]).Select(c => (int)c), counts);
    }

    [Fact]
    public void Invalid_consensus_encodings_are_rejected_by_their_decoders()
    {
        AssertAllRejected(Load("consensus.json")["invalid"]!, new Dictionary<string, Action<byte[]>>
        {
            ["signedVotes"] = b => SignedVote.Decode(b),
            ["messages"] = b => ConsensusMessage.Decode(b),
            ["evidence"] = b => DuplicateVoteEvidence.Decode(b),
        });
    }

    /// <summary>A signed proposal's fields decoded the only way the library offers: inside a proposal message with an empty block.</summary>
    private static SignedProposal ProposalOf(byte[] proposal)
    {
        var w = new CanonicalWriter();
        w.WriteU8(1);
        w.WriteFixed(proposal);
        w.WriteBytes([]);
        return ((ProposalMessage)ConsensusMessage.Decode(w.ToArray())).Proposal;
    }
}
