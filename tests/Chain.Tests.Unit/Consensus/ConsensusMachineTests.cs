using Chain.Core.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Consensus;

/// <summary>The rules of Tendermint's Algorithm 1, one scripted scenario each, for four validators of equal power.</summary>
public sealed class ConsensusMachineTests
{
    [Fact]
    public void A_leader_without_a_valid_value_asks_the_host_for_a_block_and_then_asks_to_sign_its_proposal()
    {
        var t = MachineUnderTest.LeaderOf(0);
        var start = t.Start();
        Assert.Contains(new RequestValue(1, 0), start);
        Assert.Contains(new ScheduleTimeout(1, 0, ConsensusStep.Propose), start);

        var block = t.Block(0);
        var sign = Assert.IsType<SignProposal>(Assert.Single(t.Machine.ProposeValue(1, 0, block)));
        Assert.Equal(new SignProposal(1, 0, -1, block), sign);
        Assert.IsType<InputRejected>(Assert.Single(t.Machine.ProposeValue(1, 0, block)));
    }

    [Fact]
    public void A_follower_only_arms_the_propose_timeout_when_a_height_starts()
    {
        var t = MachineUnderTest.Follower(0);
        Assert.Equal([new ScheduleTimeout(1, 0, ConsensusStep.Propose)], t.Start());
        Assert.Equal((1UL, 0U, ConsensusStep.Propose), (t.Machine.Height, t.Machine.Round, t.Machine.Step));
    }

    [Fact]
    public void A_follower_prevotes_a_valid_proposal_from_the_leader()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var block = t.Block(0);
        var vote = MachineUnderTest.SingleVote(t.Propose(0, block), VoteKind.Prevote);
        Assert.Equal(new Vote(VoteKind.Prevote, ConsensusKit.ChainId, 1, 0, block.Hash), vote.Vote);
        Assert.Equal(ConsensusStep.Prevote, t.Machine.Step);
    }

    [Fact]
    public void A_follower_prevotes_nil_for_a_block_the_host_finds_invalid()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var vote = MachineUnderTest.SingleVote(t.Propose(0, t.Block(0, valid: false)), VoteKind.Prevote);
        Assert.True(vote.Vote.BlockHash.IsZero);
    }

    [Fact]
    public void Four_validators_decide_a_block_with_a_certificate_that_the_certificate_verifier_accepts()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var block = t.Block(0);
        var actions = t.SignAndFeedBack(t.Propose(0, block));
        actions.AddRange(t.Prevotes(t.Others.Take(2), 0, block.Hash));
        var precommit = MachineUnderTest.SingleVote(actions, VoteKind.Precommit);
        Assert.Equal(block.Hash, precommit.Vote.BlockHash);
        actions.AddRange(t.SignAndFeedBack(actions));
        Assert.DoesNotContain(actions, a => a is Decide);

        var decided = t.Precommits(t.Others.Take(2), 0, block.Hash);
        var decide = Assert.Single(decided.OfType<Decide>());
        Assert.Equal((1UL, 0U, block), (decide.Height, decide.Round, decide.Value));
        Assert.Equal(3, decide.Certificate.Signatures.Count);
        Assert.True(decide.Certificate.Signatures.Select(s => s.ValidatorIndex).SequenceEqual(decide.Certificate.Signatures.Select(s => s.ValidatorIndex).Order()));
        Assert.True(CertificateVerifier.Verify(ConsensusKit.HeaderOf(block), decide.Certificate, t.Set).IsValid);
        Assert.Equal(ConsensusStep.Decided, t.Machine.Step);
    }

    [Fact]
    public void After_deciding_the_machine_ignores_the_height_and_decides_only_once()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var block = t.Block(0);
        t.Propose(0, block);
        t.Prevotes(t.Others, 0, block.Hash);
        var decisions = t.Precommits(t.Others, 0, block.Hash).OfType<Decide>().Count();
        Assert.Equal(1, decisions);

        var late = t.Machine.OnVote(ConsensusKit.Precommit(t.Me!, 1, 0, block.Hash));
        Assert.IsType<InputRejected>(Assert.Single(late));
        Assert.Empty(t.Machine.OnTimeout(1, 0, ConsensusStep.Precommit));
        Assert.Equal(ConsensusStep.Decided, t.Machine.Step);
    }

    [Fact]
    public void A_quorum_of_precommits_decides_only_once_the_block_itself_is_known()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var block = t.Block(0);
        Assert.DoesNotContain(t.Precommits(t.Others, 0, block.Hash), a => a is Decide);
        Assert.Single(t.Propose(0, block).OfType<Decide>());
    }

    [Fact]
    public void A_quorum_of_precommits_from_an_earlier_round_decides_in_that_round()
    {
        var t = MachineUnderTest.Follower(0, 1, 2);
        t.Start();
        var block = t.Block(0);
        t.Propose(0, block);
        t.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);
        t.Machine.OnTimeout(1, 1, ConsensusStep.Precommit);
        Assert.Equal(2U, t.Machine.Round);

        var decide = Assert.Single(t.Precommits(t.Others, 0, block.Hash).OfType<Decide>());
        Assert.Equal(0U, decide.Round);
        Assert.True(CertificateVerifier.Verify(ConsensusKit.HeaderOf(block), decide.Certificate, t.Set).IsValid);
    }

    [Fact]
    public void A_quorum_of_precommits_for_an_invalid_block_never_decides()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var bad = t.Block(0, valid: false);
        t.Propose(0, bad);
        Assert.DoesNotContain(t.Precommits(t.Others, 0, bad.Hash), a => a is Decide);
        Assert.NotEqual(ConsensusStep.Decided, t.Machine.Step);
    }

    [Fact]
    public void A_polka_locks_the_validator_which_then_prevotes_nil_for_a_fresh_proposal_of_another_block()
    {
        var t = MachineUnderTest.Follower(0, 1);
        t.Start();
        var a = t.Block(0, variant: 1);
        t.SignAndFeedBack(t.Propose(0, a));
        var precommit = MachineUnderTest.SingleVote(t.Prevotes(t.Others.Take(2), 0, a.Hash), VoteKind.Precommit);
        Assert.Equal(a.Hash, precommit.Vote.BlockHash);
        Assert.Equal((0, a.Hash), (t.Machine.Snapshot().LockedRound, t.Machine.Snapshot().LockedHash));

        t.Precommits(t.Others, 0, Hash32.Zero);
        t.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);
        var b = t.Block(1, variant: 2);
        var prevote = MachineUnderTest.SingleVote(t.Propose(1, b), VoteKind.Prevote);
        Assert.True(prevote.Vote.BlockHash.IsZero);
    }

    [Fact]
    public void A_locked_validator_prevotes_its_locked_block_when_it_is_proposed_again()
    {
        var t = MachineUnderTest.Follower(0, 1);
        t.Start();
        var a = t.Block(0);
        t.Propose(0, a);
        t.Prevotes(t.Others, 0, a.Hash);
        Assert.Equal(0, t.Machine.Snapshot().LockedRound);
        t.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);

        var prevote = MachineUnderTest.SingleVote(t.Propose(1, a), VoteKind.Prevote);
        Assert.Equal(a.Hash, prevote.Vote.BlockHash);
    }

    [Fact]
    public void A_lock_gives_way_to_a_polka_from_a_later_round()
    {
        var t = MachineUnderTest.Follower(0, 1, 2);
        t.Start();
        var a = t.Block(0, variant: 1);
        var b = t.Block(1, variant: 2);
        t.Propose(0, a);
        t.Prevotes(t.Others, 0, a.Hash);
        Assert.Equal((0, a.Hash), (t.Machine.Snapshot().LockedRound, t.Machine.Snapshot().LockedHash));
        t.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);

        // It missed round 1's proposal, so the polka for b there does not move its lock.
        t.Prevotes(t.Others, 1, b.Hash);
        t.Machine.OnTimeout(1, 1, ConsensusStep.Precommit);
        Assert.Equal(2U, t.Machine.Round);
        Assert.Equal((0, a.Hash), (t.Machine.Snapshot().LockedRound, t.Machine.Snapshot().LockedHash));

        var prevote = MachineUnderTest.SingleVote(t.Propose(2, b, polRound: 1), VoteKind.Prevote);
        Assert.Equal(b.Hash, prevote.Vote.BlockHash);
    }

    [Fact]
    public void A_lock_does_not_give_way_to_a_polka_older_than_the_lock()
    {
        var t = MachineUnderTest.Follower(0, 1, 2);
        t.Start();
        var a = t.Block(1, variant: 1);
        var b = t.Block(0, variant: 2);
        t.Prevotes(t.Others, 0, b.Hash);
        t.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);

        t.Propose(1, a, polRound: -1);
        t.Prevotes(t.Others, 1, a.Hash);
        Assert.Equal((1, a.Hash), (t.Machine.Snapshot().LockedRound, t.Machine.Snapshot().LockedHash));
        t.Machine.OnTimeout(1, 1, ConsensusStep.Precommit);

        var prevote = MachineUnderTest.SingleVote(t.Propose(2, b, polRound: 0), VoteKind.Prevote);
        Assert.True(prevote.Vote.BlockHash.IsZero);
    }

    [Fact]
    public void A_reproposal_waits_for_its_polka_before_the_validator_prevotes_it()
    {
        var t = MachineUnderTest.Follower(1);
        t.Start();
        var b = t.Block(0);
        t.Machine.OnTimeout(1, 0, ConsensusStep.Propose);
        t.Machine.OnTimeout(1, 0, ConsensusStep.Prevote);
        t.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);
        Assert.DoesNotContain(t.Propose(1, b, polRound: 0), a => a is SignVote);

        var prevote = MachineUnderTest.SingleVote(t.Prevotes(t.Others, 0, b.Hash), VoteKind.Prevote);
        Assert.Equal(b.Hash, prevote.Vote.BlockHash);
    }

    [Fact]
    public void A_leader_with_a_valid_value_reproposes_it_with_the_round_of_its_polka()
    {
        var set = ConsensusKit.Set(1, 1, 1, 1);
        uint round = 1;
        while (ConsensusKit.Leader(set, 1, round).PublicKey == ConsensusKit.Leader(set, 1, 0).PublicKey)
        {
            round++;
        }

        var t = MachineUnderTest.Of(set, ConsensusKit.Leader(set, 1, round));
        t.Start();
        var a = t.Block(0);
        t.Propose(0, a);
        t.Prevotes(t.Others, 0, a.Hash);
        IReadOnlyList<ConsensusAction> entered = [];
        for (var r = 0U; r < round; r++)
        {
            entered = t.Machine.OnTimeout(1, r, ConsensusStep.Precommit);
        }

        Assert.Equal(round, t.Machine.Round);
        Assert.DoesNotContain(entered, a => a is RequestValue);
        var reproposal = Assert.Single(entered.OfType<SignProposal>());
        Assert.Equal(new SignProposal(1, round, 0, a), reproposal);
    }

    [Fact]
    public void The_propose_timeout_prevotes_nil_and_stale_timeouts_do_nothing()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        Assert.Empty(t.Machine.OnTimeout(1, 0, ConsensusStep.Prevote));
        Assert.Empty(t.Machine.OnTimeout(1, 3, ConsensusStep.Propose));
        Assert.Empty(t.Machine.OnTimeout(2, 0, ConsensusStep.Propose));

        var prevote = MachineUnderTest.SingleVote(t.Machine.OnTimeout(1, 0, ConsensusStep.Propose), VoteKind.Prevote);
        Assert.True(prevote.Vote.BlockHash.IsZero);
        Assert.Empty(t.Machine.OnTimeout(1, 0, ConsensusStep.Propose));
        Assert.Equal(ConsensusStep.Prevote, t.Machine.Step);
    }

    [Fact]
    public void The_prevote_timeout_is_armed_by_a_quorum_of_mixed_prevotes_and_then_precommits_nil()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var block = t.Block(0);
        var actions = t.SignAndFeedBack(t.Propose(0, block));
        actions.AddRange(t.Prevotes(t.Others.Take(1), 0, Hash32.Zero));
        Assert.DoesNotContain(actions, a => a is ScheduleTimeout { Step: ConsensusStep.Prevote });
        var armed = t.Prevotes(t.Others.Skip(1).Take(1), 0, t.Block(0, variant: 7).Hash);
        Assert.Equal([new ScheduleTimeout(1, 0, ConsensusStep.Prevote)], armed);

        var precommit = MachineUnderTest.SingleVote(t.Machine.OnTimeout(1, 0, ConsensusStep.Prevote), VoteKind.Precommit);
        Assert.True(precommit.Vote.BlockHash.IsZero);
        Assert.Equal(-1, t.Machine.Snapshot().LockedRound);
    }

    [Fact]
    public void A_quorum_of_nil_prevotes_makes_the_validator_precommit_nil_at_once()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        t.SignAndFeedBack(t.Machine.OnTimeout(1, 0, ConsensusStep.Propose));
        var precommit = MachineUnderTest.SingleVote(t.Prevotes(t.Others.Take(2), 0, Hash32.Zero), VoteKind.Precommit);
        Assert.True(precommit.Vote.BlockHash.IsZero);
    }

    [Fact]
    public void The_precommit_timeout_is_armed_by_any_quorum_of_precommits_and_starts_the_next_round()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var actions = t.Precommits(t.Others.Take(2), 0, Hash32.Zero);
        Assert.DoesNotContain(actions, a => a is ScheduleTimeout);
        Assert.Contains(new ScheduleTimeout(1, 0, ConsensusStep.Precommit), t.Precommits(t.Others.Skip(2), 0, t.Block(0).Hash));

        var next = t.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);
        Assert.Contains(new ScheduleTimeout(1, 1, ConsensusStep.Propose), next);
        Assert.Equal((1U, ConsensusStep.Propose), (t.Machine.Round, t.Machine.Step));
    }

    [Fact]
    public void Messages_from_more_than_a_third_of_the_power_in_a_later_round_make_the_validator_skip_to_it()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        t.Prevotes(t.Others.Take(1), 5, Hash32.Zero);
        Assert.Equal(0U, t.Machine.Round);

        var skipped = t.Precommits(t.Others.Skip(1).Take(1), 5, Hash32.Zero);
        Assert.Equal((5U, ConsensusStep.Propose), (t.Machine.Round, t.Machine.Step));
        Assert.Contains(new ScheduleTimeout(1, 5, ConsensusStep.Propose), skipped);
    }

    [Fact]
    public void Round_skipping_weighs_power_not_heads()
    {
        var set = ConsensusKit.Set(1, 1, 1, 5);
        var heavy = ConsensusKit.Key(3);
        var me = ConsensusKit.Key(0);
        var t = MachineUnderTest.Of(set, me);
        t.Start();
        t.Prevotes([ConsensusKit.Key(1), ConsensusKit.Key(2)], 4, Hash32.Zero);
        Assert.Equal(0U, t.Machine.Round);
        t.Prevotes([heavy], 3, Hash32.Zero);
        Assert.Equal(3U, t.Machine.Round);
    }

    [Fact]
    public void Two_conflicting_votes_from_one_validator_are_reported_once_as_evidence_that_checks()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var liar = t.Others[0];
        Assert.DoesNotContain(t.Prevotes([liar], 0, t.Block(0, variant: 1).Hash), a => a is EvidenceFound);
        var found = Assert.Single(t.Prevotes([liar], 0, t.Block(0, variant: 2).Hash).OfType<EvidenceFound>());
        Assert.Null(found.Evidence.Check(ConsensusKit.ChainId));
        Assert.Equal(liar.PublicKey, found.Evidence.First.Validator);

        Assert.DoesNotContain(t.Prevotes([liar], 0, Hash32.Zero), a => a is EvidenceFound);
        var precommitEvidence = t.Precommits([liar], 0, Hash32.Zero).Concat(t.Precommits([liar], 0, t.Block(0, variant: 1).Hash)).OfType<EvidenceFound>();
        Assert.Equal(VoteKind.Precommit, Assert.Single(precommitEvidence).Evidence.First.Vote.Kind);
    }

    [Fact]
    public void An_observer_follows_and_decides_but_never_asks_to_sign_anything()
    {
        var set = ConsensusKit.Set(1, 1, 1, 1);
        var t = MachineUnderTest.Of(set, me: null);
        var actions = t.Start().ToList();
        var block = t.Block(0);
        actions.AddRange(t.Propose(0, block));
        actions.AddRange(t.Prevotes(t.Others, 0, block.Hash));
        actions.AddRange(t.Precommits(t.Others, 0, block.Hash));
        Assert.DoesNotContain(actions, a => a is SignVote or SignProposal or RequestValue);
        Assert.Single(actions.OfType<Decide>());
    }

    [Fact]
    public void Messages_for_the_next_height_are_buffered_and_replayed_when_it_starts()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var next = t.Block(0, height: 2);
        Assert.Empty(t.Machine.OnVote(ConsensusKit.Precommit(t.Others[0], 2, 0, next.Hash)));
        t.Precommits(t.Others.Skip(1), 0, next.Hash, height: 2);
        Assert.Equal(3, t.Machine.RetainedMessages);

        var started = t.Machine.StartHeight(2, t.Set, ConsensusKit.Genesis);
        Assert.Equal(3, t.Machine.RetainedMessages);
        Assert.DoesNotContain(started, a => a is InputRejected);
        Assert.Single(t.Propose(0, next, height: 2).OfType<Decide>());
    }

    [Fact]
    public void The_host_is_asked_to_validate_each_block_once()
    {
        var t = MachineUnderTest.Follower(0, 1);
        t.Start();
        var block = t.Block(0);
        t.Propose(0, block);
        t.Prevotes(t.Others, 0, block.Hash);
        t.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);
        t.Propose(1, block, polRound: 0);
        t.Prevotes(t.Others, 1, block.Hash);
        t.Precommits(t.Others, 1, block.Hash);
        Assert.Equal(1, t.Validator.Calls);
    }
}
