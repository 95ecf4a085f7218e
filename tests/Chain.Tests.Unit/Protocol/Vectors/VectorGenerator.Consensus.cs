using System.Text.Json.Nodes;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    private static JsonObject Consensus()
    {
        var block1 = VectorFixtures.Block1();
        var block2 = VectorFixtures.Block2();
        var proposal1 = VectorFixtures.ProposalBy(1, block1, 0, -1);
        var proposal2 = VectorFixtures.ProposalBy(2, block2, 2, 1);
        var prevote = VectorFixtures.VoteBy(1, VoteKind.Prevote, 1, 0, block1.Hash());
        var nilPrecommit = VectorFixtures.VoteBy(3, VoteKind.Precommit, 2, uint.MaxValue, Hash32.Zero);
        return new JsonObject
        {
            ["description"] = "Signed votes, signed proposals, consensus messages, duplicate-vote evidence and leader selection, docs/protocol.md section 9. Signatures are Ed25519 by the key of 'seed' (null where the signature is not one the named key made over these fields). Evidence 'failedRule' is the first rule of the evidence check (section 9.4) that fails, or null when the evidence is valid. An invalid entry with 'paddedLength' is 'encoding' followed by zero bytes up to that length.",
            ["signedVotes"] = new JsonArray(
                SignedVoteVector("prevote by seed 1 for block 1, round 0", 1, prevote),
                SignedVoteVector("precommit by seed 2 for block 2, round 1: the signature in block 2's certificate", 2, VectorFixtures.VoteBy(2, VoteKind.Precommit, 2, 1, block2.Hash())),
                SignedVoteVector("nil prevote by seed 3, height 2, round 1", 3, VectorFixtures.VoteBy(3, VoteKind.Prevote, 2, 1, Hash32.Zero)),
                SignedVoteVector("nil precommit by seed 3 at the largest round", 3, nilPrecommit),
                SignedVoteVector("prevote signed for round 0, round changed to 1: does not verify", null, prevote with { Vote = prevote.Vote with { Round = 1 } }),
                SignedVoteVector("prevote signed by seed 4 under seed 1's key: does not verify", null, VectorFixtures.VoteBy(4, VoteKind.Prevote, 1, 0, block1.Hash()) with { Validator = prevote.Validator })),
            ["signedProposals"] = new JsonArray(
                ProposalVector("block 1 by seed 1, round 0, no polka (polRound -1)", 1, proposal1),
                ProposalVector("block 2 by seed 2, round 2, polka in round 1", 2, proposal2),
                ProposalVector("block 2 by seed 2, round 5, polka in round 0", 2, VectorFixtures.ProposalBy(2, block2, 5, 0)),
                ProposalVector("block 2 signed with polRound 1, polRound changed to 0: does not verify", null, proposal2 with { PolRound = 0 }),
                ProposalVector("block 2 signed by seed 3 under seed 2's key: does not verify", null, VectorFixtures.ProposalBy(3, block2, 2, 1) with { Proposer = proposal2.Proposer })),
            ["messages"] = new JsonArray(
                ProposalMessageVector("proposal of block 1 with its block", proposal1, VectorFixtures.ProposedBlock1()),
                ProposalMessageVector("proposal of block 2 (polRound 1) with its block", proposal2, VectorFixtures.ProposedBlock2()),
                ProposalMessageVector("proposal of block 1 carrying block 2: decodes, but the block is not the one proposed", proposal1, VectorFixtures.ProposedBlock2()),
                VoteMessageVector("prevote by seed 1 for block 1", prevote),
                VoteMessageVector("nil precommit by seed 3 at the largest round", nilPrecommit)),
            ["evidence"] = EvidenceVectors(),
            ["leaderSelection"] = LeaderSelectionVectors(),
            ["invalid"] = InvalidConsensusEncodings(),
        };
    }

    private static JsonObject SignedVoteVector(string description, byte? seed, SignedVote v) => new()
    {
        ["description"] = description,
        ["seed"] = seed is { } s ? Hex(VectorFixtures.Seed(s)) : null,
        ["kind"] = (int)v.Vote.Kind,
        ["chainId"] = v.Vote.ChainId,
        ["height"] = Dec(v.Vote.Height),
        ["round"] = v.Vote.Round,
        ["blockHash"] = Hex(v.Vote.BlockHash),
        ["nil"] = v.IsNil,
        ["signingBytes"] = Hex(v.Vote.SigningBytes()),
        ["validator"] = Hex(v.Validator.ToArray()),
        ["signature"] = Hex(v.Signature.ToArray()),
        ["encoding"] = Hex(v.Encode()),
        ["signatureValid"] = v.HasValidSignature(),
    };

    private static JsonObject ProposalVector(string description, byte? seed, SignedProposal p) => new()
    {
        ["description"] = description,
        ["seed"] = seed is { } s ? Hex(VectorFixtures.Seed(s)) : null,
        ["chainId"] = p.ChainId,
        ["height"] = Dec(p.Height),
        ["round"] = p.Round,
        ["polRound"] = p.PolRound,
        ["blockHash"] = Hex(p.BlockHash),
        ["signingBytes"] = Hex(SignedProposal.SigningBytes(p.ChainId, p.Height, p.Round, p.PolRound, p.BlockHash)),
        ["proposer"] = Hex(p.Proposer.ToArray()),
        ["signature"] = Hex(p.Signature.ToArray()),
        ["encoding"] = Hex(ProposalBytes(p)),
        ["valid"] = p.HasValidSignature(),
    };

    /// <summary>A signed proposal's fields as they appear inside a proposal message (it has no encoding of its own).</summary>
    public static byte[] ProposalBytes(SignedProposal p)
    {
        var w = new CanonicalWriter(SignedProposal.EncodedMaxBytes);
        p.Write(w);
        return w.ToArray();
    }

    private static JsonObject ProposalMessageVector(string description, SignedProposal proposal, Block block)
    {
        var message = new ProposalMessage(proposal, block.Encode());
        return new JsonObject
        {
            ["description"] = description,
            ["kind"] = 1,
            ["proposal"] = Hex(ProposalBytes(proposal)),
            ["block"] = Hex(message.Block),
            ["vote"] = null,
            ["encoding"] = Hex(message.Encode()),
            ["blockMatchesProposal"] = Block.Decode(message.Block).Hash() == proposal.BlockHash,
        };
    }

    private static JsonObject VoteMessageVector(string description, SignedVote vote) => new()
    {
        ["description"] = description,
        ["kind"] = 2,
        ["proposal"] = null,
        ["block"] = null,
        ["vote"] = Hex(vote.Encode()),
        ["encoding"] = Hex(new VoteMessage(vote).Encode()),
        ["blockMatchesProposal"] = null,
    };

    private static JsonArray EvidenceVectors()
    {
        var chain = VectorFixtures.ChainId;
        var hash = VectorFixtures.Block2().Hash();
        var competing = VectorFixtures.CompetingBlock2().Hash();
        var (low, high) = hash < competing ? (hash, competing) : (competing, hash);
        SignedVote Prevote(byte seed, Hash32 blockHash, ulong height = 2, uint round = 1, string? chainId = null) =>
            VectorFixtures.VoteBy(seed, VoteKind.Prevote, height, round, blockHash, chainId ?? chain);

        var first = Prevote(1, low);
        var second = Prevote(1, high);
        var otherKey = Prevote(4, high) with { Validator = second.Validator };
        var resigned = Prevote(1, high, round: 2) with { Vote = second.Vote };
        return new JsonArray(
            EvidenceVector("seed 1 prevotes for two blocks at height 2, round 1", chain, VectorFixtures.DoublePrevote()),
            EvidenceVector("seed 3 precommits nil and block 2 at height 2, round 1 (nil, the zero hash, first)", chain, VectorFixtures.NilAndBlockPrecommit()),
            EvidenceVector("votes by two validators", chain, new(first, Prevote(2, high))),
            EvidenceVector("a prevote and a precommit", chain, new(first, VectorFixtures.VoteBy(1, VoteKind.Precommit, 2, 1, high))),
            EvidenceVector("heights 2 and 3", chain, new(first, Prevote(1, high, height: 3))),
            EvidenceVector("rounds 1 and 2", chain, new(first, Prevote(1, high, round: 2))),
            EvidenceVector("chain ids chain-test and chain-other", chain, new(first, Prevote(1, high, chainId: "chain-other"))),
            EvidenceVector("both votes on chain-other, checked on chain-test", chain, new(Prevote(1, low, chainId: "chain-other"), Prevote(1, high, chainId: "chain-other"))),
            EvidenceVector("the same vote twice", chain, new(first, first)),
            EvidenceVector("the larger block hash first", chain, new(second, first)),
            EvidenceVector("second vote's signature is over round 2", chain, new(first, resigned)),
            EvidenceVector("first vote's signature by seed 4 under seed 1's key", chain, new(Prevote(4, low) with { Validator = first.Validator }, second)),
            EvidenceVector("second vote's signature by seed 4 under seed 1's key", chain, new(first, otherKey)));
    }

    private static JsonObject EvidenceVector(string description, string chainId, DuplicateVoteEvidence e)
    {
        var error = e.Check(chainId);
        return new JsonObject
        {
            ["description"] = description,
            ["chainId"] = chainId,
            ["first"] = Hex(e.First.Encode()),
            ["second"] = Hex(e.Second.Encode()),
            ["encoding"] = Hex(e.Encode()),
            ["valid"] = error is null,
            ["failedRule"] = EvidenceRule(error),
        };
    }

    /// <summary>The rule of docs/protocol.md section 9.4 that <see cref="DuplicateVoteEvidence.Check"/>'s message names.</summary>
    public static int? EvidenceRule(string? error) => error switch
    {
        null => null,
        _ when error.Contains("different validators", StringComparison.Ordinal) => 1,
        _ when error.Contains("not for the same kind, height and round", StringComparison.Ordinal) => 2,
        _ when error.Contains("the votes are for chain", StringComparison.Ordinal) => 3,
        _ when error.Contains("canonical order", StringComparison.Ordinal) => 4,
        _ when error.Contains("signature does not verify", StringComparison.Ordinal) => 5,
        _ => throw new InvalidOperationException($"evidence check message names no rule of the specification: {error}"),
    };
}
