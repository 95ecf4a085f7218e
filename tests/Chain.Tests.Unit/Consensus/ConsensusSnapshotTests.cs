using Chain.Core.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Tests.Unit.Consensus;

/// <summary>
/// The snapshot a host persists before signing: its canonical encoding, and what a machine restored from it after a
/// crash may and may not sign.
/// </summary>
public sealed class ConsensusSnapshotTests
{
    [Fact]
    public void A_snapshot_without_a_lock_encodes_to_its_documented_bytes()
    {
        var snapshot = new ConsensusSnapshot(7, 2, ConsensusStep.Precommit, -1, Hash32.Zero, -1, null);
        var expected = "01" + "0700000000000000" + "02000000" + "03" + "ffffffffffffffff" + new string('0', 64) + "ffffffffffffffff" + "00";
        Assert.Equal(expected, Convert.ToHexStringLower(snapshot.Encode()));
        Assert.Equal(snapshot, ConsensusSnapshot.Decode(Convert.FromHexString(expected)));
    }

    [Fact]
    public void A_snapshot_with_a_lock_and_a_valid_value_survives_an_encode_decode_round_trip()
    {
        var block = ConsensusKit.Block(ConsensusKit.Set(1, 1, 1, 1), 3, 1);
        var snapshot = new ConsensusSnapshot(3, 4, ConsensusStep.Prevote, 1, block.Hash, 2, block);
        var decoded = ConsensusSnapshot.Decode(snapshot.Encode());
        Assert.Equal(snapshot, decoded);
        Assert.Equal(snapshot.Encode(), decoded.Encode());
    }

    public static TheoryData<string, string> Corruptions => new()
    {
        { "unsupported version", "02" },
        { "unknown step", "step 9" },
        { "lock without a hash", "locked round 0, zero hash" },
        { "hash without a lock", "locked round -1, non-zero hash" },
        { "lock after the round", "locked round 5" },
        { "valid value missing", "valid round 0, no value" },
        { "trailing byte", "extra" },
        { "truncated", "cut" },
        { "round below -1", "locked round -2" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupt_or_inconsistent_snapshot_does_not_decode(string why, string corruption)
    {
        var block = ConsensusKit.Block(ConsensusKit.Set(1, 1, 1, 1), 3, 1);
        var good = new ConsensusSnapshot(3, 4, ConsensusStep.Prevote, 1, block.Hash, 2, block);
        var bytes = corruption switch
        {
            "02" => [0x02, .. good.Encode()[1..]],
            "step 9" => Patch(good.Encode(), 13, 9),
            "locked round 0, zero hash" => (good with { LockedRound = 0, LockedHash = Hash32.Zero }).Encode(),
            "locked round -1, non-zero hash" => (good with { LockedRound = -1 }).Encode(),
            "locked round 5" => (good with { LockedRound = 5, ValidRound = 5 }).Encode(),
            "valid round 0, no value" => (good with { ValidRound = 0, ValidValue = null, LockedRound = -1, LockedHash = Hash32.Zero }).Encode(),
            "extra" => [.. good.Encode(), 0],
            "cut" => good.Encode()[..^1],
            _ => (good with { LockedRound = -2, LockedHash = Hash32.Zero }).Encode(),
        };

        Assert.Throws<DecodeException>(() => ConsensusSnapshot.Decode(bytes));
        Assert.NotNull(why);
    }

    [Fact]
    public void A_validator_restored_from_its_snapshot_keeps_its_lock_and_prevotes_nil_for_another_block()
    {
        var (locked, a) = LockedFollower();
        var b = locked.Block(1, variant: 2);

        var restarted = MachineUnderTest.Of(locked.Set, locked.Me);
        restarted.Start(resume: ConsensusSnapshot.Decode(locked.Machine.Snapshot().Encode()));
        Assert.Equal((0, a.Hash), (restarted.Machine.Snapshot().LockedRound, restarted.Machine.Snapshot().LockedHash));
        restarted.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);
        var prevote = MachineUnderTest.SingleVote(restarted.Propose(1, b), VoteKind.Prevote);
        Assert.True(prevote.Vote.BlockHash.IsZero);

        // The same validator restarted without its snapshot would have voted against its lock.
        var forgetful = MachineUnderTest.Of(locked.Set, locked.Me);
        forgetful.Start();
        forgetful.Machine.OnTimeout(1, 0, ConsensusStep.Propose);
        forgetful.Machine.OnTimeout(1, 0, ConsensusStep.Precommit);
        Assert.Equal(b.Hash, MachineUnderTest.SingleVote(forgetful.Propose(1, b), VoteKind.Prevote).Vote.BlockHash);
    }

    [Fact]
    public void A_validator_restored_after_prevoting_signs_no_second_prevote_in_that_round_but_moves_on_by_timeout()
    {
        var t = MachineUnderTest.Follower(0);
        t.Start();
        var a = t.Block(0);
        Assert.Single(t.Propose(0, a).OfType<SignVote>());
        var snapshot = t.Machine.Snapshot();
        Assert.Equal(ConsensusStep.Prevote, snapshot.Step);

        var restarted = MachineUnderTest.Of(t.Set, t.Me);
        var start = restarted.Start(resume: snapshot);
        Assert.Equal([new ScheduleTimeout(1, 0, ConsensusStep.Prevote)], start);
        Assert.DoesNotContain(restarted.Propose(0, a), x => x is SignVote);
        Assert.DoesNotContain(restarted.Machine.OnTimeout(1, 0, ConsensusStep.Propose), x => x is SignVote);

        var precommit = MachineUnderTest.SingleVote(restarted.Machine.OnTimeout(1, 0, ConsensusStep.Prevote), VoteKind.Precommit);
        Assert.True(precommit.Vote.BlockHash.IsZero);
    }

    [Fact]
    public void A_validator_restored_after_precommitting_signs_nothing_more_in_that_round()
    {
        var (locked, a) = LockedFollower();
        var restarted = MachineUnderTest.Of(locked.Set, locked.Me);
        Assert.Equal([new ScheduleTimeout(1, 0, ConsensusStep.Precommit)], restarted.Start(resume: locked.Machine.Snapshot()));
        var actions = restarted.Propose(0, a).Concat(restarted.Prevotes(restarted.Others, 0, a.Hash)).Concat(restarted.Machine.OnTimeout(1, 0, ConsensusStep.Prevote));
        Assert.DoesNotContain(actions, x => x is SignVote);
        Assert.Equal(1U, Assert.Single(restarted.Machine.OnTimeout(1, 0, ConsensusStep.Precommit).OfType<ScheduleTimeout>()).Round);
    }

    [Fact]
    public void A_restored_validator_resumes_in_the_round_of_its_snapshot_never_an_earlier_one()
    {
        var t = MachineUnderTest.Follower(0);
        var snapshot = new ConsensusSnapshot(1, 6, ConsensusStep.Propose, -1, Hash32.Zero, -1, null);
        Assert.Contains(new ScheduleTimeout(1, 6, ConsensusStep.Propose), t.Start(resume: snapshot));
        Assert.Equal(6U, t.Machine.Round);
        Assert.DoesNotContain(t.Propose(5, t.Block(5)), a => a is SignVote);
        Assert.DoesNotContain(t.Machine.OnTimeout(1, 5, ConsensusStep.Propose), a => a is SignVote);
    }

    [Fact]
    public void A_restored_leader_does_not_propose_again_in_the_round_it_may_already_have_proposed_in()
    {
        var t = MachineUnderTest.LeaderOf(0);
        var fresh = t.Start();
        Assert.Contains(new RequestValue(1, 0), fresh);

        var restarted = MachineUnderTest.Of(t.Set, t.Me);
        var resumed = restarted.Start(resume: t.Machine.Snapshot());
        Assert.DoesNotContain(resumed, a => a is RequestValue or SignProposal);
        Assert.Equal([new ScheduleTimeout(1, 0, ConsensusStep.Propose)], resumed);
    }

    [Fact]
    public void A_snapshot_for_another_height_is_ignored_and_reported()
    {
        var t = MachineUnderTest.Follower(0);
        var stale = new ConsensusSnapshot(9, 3, ConsensusStep.Precommit, 2, ConsensusKit.Block(t.Set, 9, 2).Hash, 2, ConsensusKit.Block(t.Set, 9, 2));
        var start = t.Start(resume: stale);
        Assert.Contains(start, a => a is InputRejected);
        Assert.Equal((0U, -1), (t.Machine.Round, t.Machine.Snapshot().LockedRound));
    }

    /// <summary>A follower that prevoted and precommitted block a in round 0 of height 1 (so it is locked on a).</summary>
    private static (MachineUnderTest Machine, Chain.Core.Consensus.ProposalValue Block) LockedFollower()
    {
        var t = MachineUnderTest.Follower(0, 1);
        t.Start();
        var a = t.Block(0, variant: 1);
        t.Propose(0, a);
        Assert.Equal(a.Hash, MachineUnderTest.SingleVote(t.Prevotes(t.Others, 0, a.Hash), VoteKind.Precommit).Vote.BlockHash);
        Assert.Equal(ConsensusStep.Precommit, t.Machine.Step);
        return (t, a);
    }

    private static byte[] Patch(byte[] bytes, int index, byte value)
    {
        bytes[index] = value;
        return bytes;
    }
}
