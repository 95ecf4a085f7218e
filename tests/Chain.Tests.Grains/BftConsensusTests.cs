using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;
using Orleans.Concurrency;

namespace Chain.Tests.Grains;

/// <summary>Four validators on two silos reach BFT finality, survive a stopped validator and punish equivocation.</summary>
public sealed class BftConsensusTests
{
    [Fact]
    public async Task Four_validators_finalize_blocks_whose_certificates_hold_more_than_two_thirds_of_the_stake()
    {
        await using var bft = await BftCluster.StartAsync();
        await bft.WaitForHeightAsync(4);
        for (ulong h = 1; h <= 4; h++)
        {
            var block = await bft.BlockAsync(h);
            var check = CertificateVerifier.Verify(block.Header, block.Certificate, bft.Genesis.Validators);
            Assert.True(check.IsValid, check.Error);
            Assert.True(check.SignedPower * 3 > check.TotalPower * 2);
            Assert.Null(block.CheckBody());
            if (h > 1)
            {
                // Each block carries its parent's certificate, which verifies too.
                var parent = await bft.BlockAsync(h - 1);
                Assert.NotNull(block.LastCertificate);
                Assert.True(CertificateVerifier.Verify(parent.Header, block.LastCertificate!, bft.Genesis.Validators).IsValid);
            }
        }

        // Every validator keeps its own replica, and each agrees with the ledger at the height it reached.
        for (var i = 0; i < 4; i++)
        {
            var status = await bft.Validator(i).GetStatusAsync();
            Assert.True(status.ReplicaHeight >= 1);
            var block = await bft.BlockAsync(status.ReplicaHeight);
            Assert.Equal(block.Header.StateRoot, new Hash32(status.ReplicaStateRoot));
        }
    }

    [Fact]
    public async Task Stopping_one_of_four_validators_does_not_stop_finality()
    {
        await using var bft = await BftCluster.StartAsync();
        await bft.WaitForHeightAsync(2);
        await bft.StopValidatorSiloAsync();
        var stoppedAt = (await bft.Shard.GetStatusAsync()).Height;

        await bft.WaitForHeightAsync(stoppedAt + 6, TimeSpan.FromSeconds(60));
        for (var h = stoppedAt + 3; h <= stoppedAt + 6; h++)
        {
            var block = await bft.BlockAsync(h);
            Assert.True(CertificateVerifier.Verify(block.Header, block.Certificate, bft.Genesis.Validators).IsValid);
            Assert.DoesNotContain(block.Certificate.Signatures, s => s.ValidatorIndex == 3);
        }

        // A transfer still becomes final.
        using var recipient = KeyPair.Generate();
        var final = await TransactionsAsync.SendAsync(bft, new Transfer(recipient.Address, 77), bft.Faucet);
        Assert.Equal(TransactionStatus.Final, final.Status);
    }

    [Fact]
    public async Task A_validator_restarted_mid_round_never_signs_twice()
    {
        await using var bft = await BftCluster.StartAsync();
        var restarted = bft.Validator(1);
        for (var i = 0; i < 6; i++)
        {
            var before = await restarted.GetStatusAsync();
            await bft.Cluster.DeactivateAsync(restarted);
            await bft.WaitForHeightAsync(before.Height + 1);
            var after = await restarted.GetStatusAsync();
            Assert.True(
                (after.LastSignedHeight, after.LastSignedRound) .CompareTo((before.LastSignedHeight, before.LastSignedRound)) >= 0,
                "the signing record went backwards across a restart");
        }

        // Honest peers report any two conflicting votes they see; none were seen, so nobody was slashed.
        var height = (await bft.WaitForHeightAsync((await bft.Shard.GetStatusAsync()).Height + 2)).Height;
        var validators = await bft.Shard.GetValidatorsAsync();
        Assert.All(validators.Candidates, v => Assert.NotEqual("tombstoned", v.Status));
        for (ulong h = 1; h <= height; h++)
        {
            Assert.DoesNotContain((await bft.BlockAsync(h)).Transactions, t => t.Body.Payload is ReportEquivocation);
        }
    }

    [Fact]
    public async Task An_equivocating_validator_is_slashed_once_and_leaves_the_set()
    {
        await using var bft = await BftCluster.StartAsync();
        await bft.WaitForHeightAsync(2);
        var offender = bft.Keys[3];
        DuplicateVoteEvidence? evidence = null;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await IsTombstonedAsync(bft, offender.Address))
        {
            // Whoever holds validator 3's key signs two different prevotes for the round the others are in.
            var status = await bft.Validator(0).GetStatusAsync();
            var a = SignedVote.Create(new Vote(VoteKind.Prevote, BftCluster.ChainId, status.Height, status.Round, Hashing.Sha256([1])), offender);
            var b = SignedVote.Create(new Vote(VoteKind.Prevote, BftCluster.ChainId, status.Height, status.Round, Hashing.Sha256([2])), offender);
            evidence ??= DuplicateVoteEvidence.Of(a, b);
            for (var i = 0; i < 3; i++)
            {
                await bft.Validator(i).DeliverAsync(new Immutable<byte[]>(new VoteMessage(a).Encode()));
                await bft.Validator(i).DeliverAsync(new Immutable<byte[]>(new VoteMessage(b).Encode()));
            }

            await Task.Delay(50, deadline.Token);
        }

        var slashed = (await bft.Shard.GetValidatorsAsync()).Candidates.Single(v => new Address(v.Address) == offender.Address);
        Assert.True(slashed.Tokens < BftCluster.Stake, "the offender kept its whole stake");
        Assert.True(slashed.Tokens >= BftCluster.Stake * 94 / 100, "the offender was slashed more than the 5% share (twice?)");
        Assert.Equal(0UL, slashed.Power);

        // The set without it certifies the next blocks; a second report of the same offence changes nothing.
        var now = await bft.Shard.GetStatusAsync();
        var latest = await bft.BlockAsync(now.Height);
        var nextSet = ValidatorSet.Decode(await bft.Shard.GetValidatorSetAsync(latest.Header.NextValidatorSetHash.ToArray()) ?? []);
        Assert.Equal(-1, nextSet.IndexOf(offender.PublicKey));
        Assert.Equal(3, nextSet.Count);

        // Once it is out of both the set and the parent certificate, its tokens only change by slashing.
        await bft.WaitForHeightAsync(now.Height + 2);
        var settled = (await bft.Shard.GetValidatorsAsync()).Candidates.Single(v => new Address(v.Address) == offender.Address);
        var again = await TransactionsAsync.SendAsync(bft, new ReportEquivocation(evidence!), bft.Faucet);
        Assert.Equal(TransactionStatus.Final, again.Status);
        Assert.NotEqual(ReceiptStatus.Success, Receipt.Decode(again.Receipt!).Status);
        var after = (await bft.Shard.GetValidatorsAsync()).Candidates.Single(v => new Address(v.Address) == offender.Address);
        Assert.Equal(settled.Tokens, after.Tokens);
        Assert.Equal("tombstoned", after.Status);
    }

    [Fact]
    public async Task Bonded_stake_joins_the_validator_set_exactly_at_the_next_epoch_boundary()
    {
        const ulong epoch = 8;
        await using var bft = await BftCluster.StartAsync(epochLength: epoch);
        using var candidate = KeyPair.Generate();

        // Past the first boundary, where rewards already re-ranked the genesis validators' powers.
        await bft.WaitForHeightAsync(epoch + 1);
        await TransactionsAsync.SendAsync(bft, new Transfer(candidate.Address, 100_000), bft.Faucet);
        var bonded = await TransactionsAsync.SendAsync(bft, new Bond(5_000), candidate);
        Assert.Equal(ReceiptStatus.Success, Receipt.Decode(bonded.Receipt!).Status);

        // A bond in a boundary block counts at that block's end; otherwise at the next boundary. Earlier boundaries
        // also re-rank by tokens (rewards change powers), so "unchanged" means unchanged within the epoch.
        var boundary = bonded.Height % epoch == 0 ? bonded.Height : ((bonded.Height / epoch) + 1) * epoch;
        await bft.WaitForHeightAsync(boundary + 1);
        for (var h = bonded.Height; h < boundary; h++)
        {
            var header = (await bft.BlockAsync(h)).Header;
            Assert.Equal(header.ValidatorSetHash, header.NextValidatorSetHash);
            var during = ValidatorSet.Decode(await bft.Shard.GetValidatorSetAsync(header.NextValidatorSetHash.ToArray()) ?? []);
            Assert.Equal(-1, during.IndexOf(candidate.PublicKey));
        }

        var changed = (await bft.BlockAsync(boundary)).Header;
        Assert.NotEqual(changed.ValidatorSetHash, changed.NextValidatorSetHash);
        var set = ValidatorSet.Decode(await bft.Shard.GetValidatorSetAsync(changed.NextValidatorSetHash.ToArray()) ?? []);
        Assert.Equal(5, set.Count);
        Assert.Equal(5_000UL, set.Validators[set.IndexOf(candidate.PublicKey)].Power);

        // The next block is certified by the new set (the new validator is offline; the other four hold far more than 2/3).
        var next = await bft.BlockAsync(boundary + 1);
        Assert.Equal(set.Hash, next.Header.ValidatorSetHash);
        Assert.True(CertificateVerifier.Verify(next.Header, next.Certificate, set).IsValid);
        var changes = await bft.Shard.GetValidatorSetChangesAsync(0, 10);
        Assert.Contains(changes, c => BlockHeader.Decode(c.Header).Height == boundary);
    }

    [Fact]
    public async Task Garbage_and_forged_consensus_messages_are_dropped_without_stalling_the_chain()
    {
        await using var bft = await BftCluster.StartAsync();
        await bft.WaitForHeightAsync(1);
        using var stranger = KeyPair.Generate();
        var status = await bft.Validator(0).GetStatusAsync();
        var goodVote = SignedVote.Create(new Vote(VoteKind.Precommit, BftCluster.ChainId, status.Height, status.Round, Hashing.Sha256([9])), bft.Keys[2]);
        var junk = new List<byte[]>
        {
            Array.Empty<byte>(),
            new byte[] { 0xff, 0x00 },
            new byte[1024],
            new VoteMessage(goodVote with { Signature = SignedVote.Create(goodVote.Vote, stranger).Signature }).Encode(),
            new VoteMessage(SignedVote.Create(goodVote.Vote, stranger)).Encode(),
            new VoteMessage(SignedVote.Create(goodVote.Vote with { Height = status.Height + 1_000 }, bft.Keys[2])).Encode(),
            new VoteMessage(SignedVote.Create(goodVote.Vote with { ChainId = "another-chain" }, bft.Keys[2])).Encode(),
            new ProposalMessage(SignedProposal.Create(BftCluster.ChainId, status.Height, status.Round, -1, Hashing.Sha256([3]), stranger), new byte[] { 1, 2, 3 }).Encode(),
        };
        for (var i = 0; i < 4; i++)
        {
            foreach (var message in junk)
            {
                await bft.Validator(i).DeliverAsync(new Immutable<byte[]>(message));
            }
        }

        var before = (await bft.Shard.GetStatusAsync()).Height;
        await bft.WaitForHeightAsync(before + 3);
        Assert.All((await bft.Shard.GetValidatorsAsync()).Candidates, v => Assert.Equal("active", v.Status));
    }

    private static async Task<bool> IsTombstonedAsync(BftCluster bft, Address address) =>
        (await bft.Shard.GetValidatorsAsync()).Candidates.Any(v => new Address(v.Address) == address && v.Status == "tombstoned");
}
