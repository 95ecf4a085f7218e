using Chain.Core.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Consensus;

/// <summary>
/// Bad input (DESIGN §12): each kind is answered with <see cref="InputRejected"/>, changes nothing, costs at most one
/// signature check, and leaves memory bounded; the protocol still decides afterwards.
/// </summary>
public sealed class ConsensusInputTests
{
    public static TheoryData<string> BadVotes => new()
    {
        "bad signature", "unknown validator", "wrong chain", "stale height", "far future height", "far future round", "undefined kind",
    };

    [Theory]
    [MemberData(nameof(BadVotes))]
    public void A_bad_vote_is_rejected_without_changing_anything(string kind)
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        t.Machine.OnVote(ConsensusKit.Prevote(t.Others[0], 1, 0, Hash32.Zero));
        var before = (t.Machine.Snapshot().Encode(), t.Machine.RetainedMessages);
        var voter = t.Others[1];
        var hash = t.Block(0).Hash;
        var good = new Vote(VoteKind.Prevote, ConsensusKit.ChainId, 1, 0, hash);
        var vote = kind switch
        {
            "bad signature" => ConsensusKit.Sign(voter, good) with { Signature = ConsensusKit.Sign(voter, good with { Round = 1 }).Signature },
            "unknown validator" => ConsensusKit.Sign(ConsensusKit.Key(9), good),
            "wrong chain" => ConsensusKit.Sign(voter, good with { ChainId = "other-chain" }),
            "stale height" => ConsensusKit.Sign(voter, good with { Height = 0 }),
            "far future height" => ConsensusKit.Sign(voter, good with { Height = 3 }),
            "far future round" => ConsensusKit.Sign(voter, good with { Round = ConsensusMachine.MaxRoundsAhead + 1 }),
            _ => ConsensusKit.Sign(voter, good with { Kind = (VoteKind)7 }),
        };

        Assert.IsType<InputRejected>(Assert.Single(t.Machine.OnVote(vote)));
        Assert.Equal(before.Item1, t.Machine.Snapshot().Encode());
        Assert.Equal(before.RetainedMessages, t.Machine.RetainedMessages);
    }

    public static TheoryData<string> BadProposals => new()
    {
        "not the leader", "bad signature", "block does not match", "nil block", "wrong chain", "stale height", "far future round", "duplicate",
    };

    [Theory]
    [MemberData(nameof(BadProposals))]
    public void A_bad_proposal_is_rejected_without_changing_anything(string kind)
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var block = t.Block(0);
        var leader = ConsensusKit.Leader(t.Set, 1, 0);
        var good = ConsensusKit.Proposal(leader, 1, 0, block);
        if (kind == "duplicate")
        {
            t.Machine.OnProposal(good, block);
        }

        var before = (t.Machine.Snapshot().Encode(), t.Machine.RetainedMessages);
        var (proposal, value) = kind switch
        {
            "not the leader" => (ConsensusKit.Proposal(t.Others.First(k => k.PublicKey != leader.PublicKey), 1, 0, block), block),
            "bad signature" => (good with { BlockHash = t.Block(0, variant: 1).Hash }, t.Block(0, variant: 1)),
            "block does not match" => (good, t.Block(0, variant: 1)),
            "nil block" => (SignedProposal.Create(ConsensusKit.ChainId, 1, 0, -1, Hash32.Zero, leader), block with { Hash = Hash32.Zero }),
            "wrong chain" => (SignedProposal.Create("other-chain", 1, 0, -1, block.Hash, leader), block),
            "stale height" => (ConsensusKit.Proposal(leader, 0, 0, block), block),
            "far future round" => (ConsensusKit.Proposal(ConsensusKit.Leader(t.Set, 1, ConsensusMachine.MaxRoundsAhead + 1), 1, ConsensusMachine.MaxRoundsAhead + 1, block), block),
            _ => (good, block),
        };

        Assert.IsType<InputRejected>(Assert.Single(t.Machine.OnProposal(proposal, value)));
        Assert.Equal(before.Item1, t.Machine.Snapshot().Encode());
        Assert.Equal(before.RetainedMessages, t.Machine.RetainedMessages);
    }

    [Fact]
    public void Input_before_the_first_height_is_rejected()
    {
        var machine = new ConsensusMachine(ConsensusKit.ChainId, ConsensusKit.Key(0).PublicKey, new BlockValidator(ConsensusKit.Set(1)));
        Assert.IsType<InputRejected>(Assert.Single(machine.OnVote(ConsensusKit.Prevote(ConsensusKit.Key(0), 1, 0, Hash32.Zero))));
        Assert.Empty(machine.OnTimeout(1, 0, ConsensusStep.Propose));
        Assert.Equal(0UL, machine.Height);
    }

    [Fact]
    public void A_duplicate_vote_is_recognised_before_its_signature_is_checked()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var vote = ConsensusKit.Prevote(t.Others[0], 1, 0, Hash32.Zero);
        t.Machine.OnVote(vote);
        var forgedCopy = vote with { Signature = new Signature(new byte[Signature.Size]) };
        Assert.Equal("duplicate vote", Assert.IsType<InputRejected>(Assert.Single(t.Machine.OnVote(forgedCopy))).Reason);
    }

    [Fact]
    public void A_conflicting_vote_with_a_forged_signature_is_not_taken_as_evidence()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        t.Machine.OnVote(ConsensusKit.Prevote(t.Others[0], 1, 0, Hash32.Zero));
        var forged = ConsensusKit.Prevote(t.Others[0], 1, 0, t.Block(0).Hash) with { Signature = ConsensusKit.Prevote(t.Others[1], 1, 0, t.Block(0).Hash).Signature };
        var rejected = Assert.IsType<InputRejected>(Assert.Single(t.Machine.OnVote(forged)));
        Assert.Contains("signature", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_proposal_from_the_leader_is_rejected_unless_votes_show_the_network_needs_its_block()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var a = t.Block(0, variant: 1);
        var b = t.Block(0, variant: 2);
        t.Propose(0, a);
        Assert.IsType<InputRejected>(Assert.Single(t.Propose(0, b)));

        t.Precommits(t.Others, 0, b.Hash);
        var decide = Assert.Single(t.Propose(0, b).OfType<Decide>());
        Assert.Equal(b, decide.Value);
        Assert.True(CertificateVerifier.Verify(ConsensusKit.HeaderOf(b), decide.Certificate, t.Set).IsValid);
    }

    [Fact]
    public void A_value_nobody_asked_for_is_rejected()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        Assert.IsType<InputRejected>(Assert.Single(t.Machine.ProposeValue(1, 0, t.Block(0))));
    }

    [Fact]
    public void A_flood_of_duplicates_forgeries_and_future_messages_keeps_memory_bounded_and_the_height_still_decides()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var byzantine = t.Others[0];
        var honest = t.Others.Skip(1).ToArray();
        var rejected = 0;
        for (var i = 0; i < 3000; i++)
        {
            var round = (uint)(i % 40);
            var hash = t.Block(round, variant: i % 3).Hash;
            IReadOnlyList<ConsensusAction> answer = (i % 6) switch
            {
                0 => t.Machine.OnVote(ConsensusKit.Prevote(byzantine, 1, round, hash)),
                1 => t.Machine.OnVote(ConsensusKit.Precommit(byzantine, 1, round, hash)),
                2 => t.Machine.OnVote(ConsensusKit.Prevote(ConsensusKit.Key(9 + (i % 5)), 1, round, hash)),
                3 => t.Machine.OnVote(ConsensusKit.Prevote(honest[0], 1, round, hash) with { Signature = new Signature(new byte[64]) }),
                4 => t.Machine.OnVote(ConsensusKit.Prevote(byzantine, 2 + (ulong)i, round, hash)),
                _ => t.Machine.OnVote(ConsensusKit.Prevote(byzantine, 2, round, hash)),
            };
            rejected += answer.Count(a => a is InputRejected);
        }

        Assert.True(rejected > 2000, $"only {rejected} rejections");

        // Per round in the window: at most the liar's two prevotes and two precommits (one of each held as evidence);
        // for the next height, one vote per (validator, round, kind) in its first window of rounds.
        var window = (int)ConsensusMachine.MaxRoundsAhead + 1;
        Assert.InRange(t.Machine.RetainedMessages, 1, (4 * window) + window);
        Assert.Equal(0U, t.Machine.Round);

        var block = t.Block(0);
        var actions = t.SignAndFeedBack(t.Propose(0, block));
        actions.AddRange(t.SignAndFeedBack(t.Prevotes(honest, 0, block.Hash)));
        actions.AddRange(t.Precommits(honest, 0, block.Hash));
        var decide = Assert.Single(actions.OfType<Decide>());
        Assert.Equal(block, decide.Value);
    }

    [Fact]
    public void The_next_height_buffer_is_bounded_even_against_keys_nobody_knows_yet()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var forged = new Signature(new byte[Signature.Size]);
        for (var i = 0; i < ConsensusMachine.MaxBufferedVotes + 100; i++)
        {
            // The next height's set is unknown until it starts, so any key can fill the buffer; only its size is bounded.
            var stranger = new PublicKey(Hashing.Sha256(BitConverter.GetBytes(i)).ToArray());
            var vote = new Vote(VoteKind.Prevote, ConsensusKit.ChainId, 2, 0, Hash32.Zero);
            t.Machine.OnVote(new SignedVote(vote, stranger, forged));
        }

        for (var r = 0U; r < 10; r++)
        {
            var block = t.Block(r, height: 2);
            t.Machine.OnProposal(ConsensusKit.Proposal(ConsensusKit.Key(0), 2, r, block), block);
        }

        Assert.Equal(ConsensusMachine.MaxBufferedVotes + ConsensusMachine.MaxBufferedProposals, t.Machine.RetainedMessages);
        var started = t.Machine.StartHeight(2, t.Set, ConsensusKit.Genesis);
        Assert.InRange(t.Machine.RetainedMessages, 0, ConsensusMachine.MaxBufferedProposals);
        Assert.Contains(started, a => a is InputRejected);
    }
}
