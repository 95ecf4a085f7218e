using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Rejection = Chain.Protocol.Blocks.LightClient.Rejection;

namespace Chain.Tests.Client;

public sealed class LightClientTests : IDisposable
{
    private readonly SetChanges _chain = new();

    public void Dispose() => _chain.Dispose();

    private LightClient Genesis => LightClient.FromGenesis(_chain.Genesis);

    [Fact]
    public void A_valid_chain_of_set_changes_leads_to_the_last_next_set()
    {
        var verdict = Genesis.Advance([_chain.Change(100, 0, 1), _chain.Change(200, 1, 2)]);

        Assert.True(verdict.IsValid, verdict.Error);
        Assert.Equal(_chain.Committees[2].Set.Hash, verdict.Client.TrustedSet.Hash);
        Assert.Equal(200UL, verdict.Client.Height);
    }

    [Fact]
    public void After_the_changes_a_header_certified_by_the_current_set_verifies_with_its_power()
    {
        var client = Genesis.Advance([_chain.Change(100, 0, 1)]).Client;
        var set = _chain.Committees[1].Set;
        var header = SetChanges.Header(150, set, set);

        var verdict = client.Verify(header, _chain.Committees[1].Certify(header, signers: 3));

        Assert.True(verdict.IsValid, verdict.Error);
        Assert.Equal(30UL, verdict.Certificate!.SignedPower);
        Assert.Equal(40UL, verdict.Certificate.TotalPower);
    }

    [Fact]
    public void After_a_change_a_header_certified_by_the_old_set_is_rejected()
    {
        var client = Genesis.Advance([_chain.Change(100, 0, 1)]).Client;
        var old = _chain.Committees[0].Set;
        var header = SetChanges.Header(150, old, old);

        var verdict = client.Verify(header, _chain.Committees[0].Certify(header));

        Assert.Equal(Rejection.ValidatorSetNotTrusted, verdict.Rejection);
        Assert.Null(verdict.Certificate);
    }

    [Fact]
    public void A_header_at_or_below_the_last_change_is_not_verified_with_the_new_set()
    {
        var client = Genesis.Advance([_chain.Change(100, 0, 1)]).Client;
        var set = _chain.Committees[1].Set;
        var header = SetChanges.Header(100, set, set);

        Assert.Equal(Rejection.HeightNotAfterTrusted, client.Verify(header, _chain.Committees[1].Certify(header)).Rejection);
    }

    [Fact]
    public void A_change_whose_header_names_another_set_than_the_trusted_one_is_rejected()
    {
        // Committee 1 certifies its own "change" without ever having been handed the set by the genesis committee.
        var header = SetChanges.Header(100, _chain.Committees[1].Set, _chain.Committees[2].Set);
        var forged = new LightClient.SetChange(header, _chain.Committees[1].Certify(header), _chain.Committees[2].Set);

        var verdict = Genesis.Advance([forged]);

        Assert.Equal(Rejection.ValidatorSetNotTrusted, verdict.Rejection);
        Assert.Equal(0, verdict.Index);
    }

    [Fact]
    public void A_change_signed_by_keys_outside_the_trusted_set_is_rejected()
    {
        var honest = _chain.Change(100, 0, 1);
        var forged = honest with { Certificate = _chain.Committees[1].Certify(honest.Header) };

        var verdict = Genesis.Advance([forged]);

        Assert.Equal(Rejection.CertificateInvalid, verdict.Rejection);
        Assert.Contains("does not verify", verdict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_signed_by_two_thirds_of_the_power_but_not_more_is_rejected()
    {
        using var six = new Committee(6);
        using var seven = new Committee(7);
        var genesis = LightClient.Trusting(SetChanges.ChainId, six.Set, 0);
        var header = SetChanges.Header(100, six.Set, seven.Set);

        var exactlyTwoThirds = genesis.Advance([new LightClient.SetChange(header, six.Certify(header, signers: 4), seven.Set)]);
        var moreThanTwoThirds = genesis.Advance([new LightClient.SetChange(header, six.Certify(header, signers: 5), seven.Set)]);

        Assert.Equal(Rejection.CertificateInvalid, exactlyTwoThirds.Rejection);
        Assert.Contains("not more than 2/3", exactlyTwoThirds.Error, StringComparison.Ordinal);
        Assert.True(moreThanTwoThirds.IsValid, moreThanTwoThirds.Error);
    }

    [Fact]
    public void A_certificate_for_another_block_is_rejected()
    {
        var honest = _chain.Change(100, 0, 1);
        var other = SetChanges.Header(101, _chain.Committees[0].Set, _chain.Committees[1].Set);

        var verdict = Genesis.Advance([honest with { Certificate = _chain.Committees[0].Certify(other) }]);

        Assert.Equal(Rejection.CertificateInvalid, verdict.Rejection);
        Assert.Contains("another block", verdict.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100UL, 100UL)]
    [InlineData(100UL, 99UL)]
    public void Heights_that_do_not_strictly_increase_are_rejected(ulong first, ulong second)
    {
        var verdict = Genesis.Advance([_chain.Change(first, 0, 1), _chain.Change(second, 1, 2)]);

        Assert.Equal(Rejection.HeightNotAfterTrusted, verdict.Rejection);
        Assert.Equal(1, verdict.Index);
    }

    [Fact]
    public void A_change_at_height_zero_is_not_above_the_genesis()
    {
        Assert.Equal(Rejection.HeightNotAfterTrusted, Genesis.Advance([_chain.Change(0, 0, 1)]).Rejection);
    }

    [Fact]
    public void A_next_set_that_is_not_the_one_the_header_commits_to_is_rejected()
    {
        // The genesis committee really handed over to committee 1; the node sends committee 2 as the next set.
        var honest = _chain.Change(100, 0, 1);

        var verdict = Genesis.Advance([honest with { NextValidatorSet = _chain.Committees[2].Set }]);

        Assert.Equal(Rejection.NextSetMismatch, verdict.Rejection);
    }

    [Fact]
    public void A_change_of_another_chain_is_rejected()
    {
        var header = SetChanges.Header(100, _chain.Committees[0].Set, _chain.Committees[1].Set) with { ChainId = "othernet" };
        var change = new LightClient.SetChange(header, _chain.Committees[0].Certify(header), _chain.Committees[1].Set);

        Assert.Equal(Rejection.WrongChain, Genesis.Advance([change]).Rejection);
    }

    [Fact]
    public void More_changes_than_one_call_may_take_are_rejected_before_any_is_checked()
    {
        var change = _chain.Change(100, 0, 1);

        var verdict = Genesis.Advance([.. Enumerable.Repeat(change, LightClient.MaxChangesPerCall + 1)]);

        Assert.Equal(Rejection.TooManyChanges, verdict.Rejection);
    }

    [Fact]
    public void Exactly_the_maximum_number_of_changes_is_accepted()
    {
        using var a = new Committee(1);
        using var b = new Committee(1);
        var committees = new[] { a, b };
        var changes = new List<LightClient.SetChange>();
        for (var i = 0; i < LightClient.MaxChangesPerCall; i++)
        {
            var (from, to) = (committees[i % 2], committees[(i + 1) % 2]);
            var header = SetChanges.Header((ulong)i + 1, from.Set, to.Set);
            changes.Add(new LightClient.SetChange(header, from.Certify(header), to.Set));
        }

        var verdict = LightClient.Trusting(SetChanges.ChainId, a.Set, 0).Advance(changes);

        Assert.True(verdict.IsValid, verdict.Error);
        Assert.Equal((ulong)LightClient.MaxChangesPerCall, verdict.Client.Height);
    }

    [Fact]
    public void A_rejected_batch_leaves_the_client_as_it_was()
    {
        var genesis = Genesis;
        var bad = _chain.Change(200, 1, 2) with { NextValidatorSet = _chain.Committees[0].Set };

        var verdict = genesis.Advance([_chain.Change(100, 0, 1), bad]);

        Assert.False(verdict.IsValid);
        Assert.Same(genesis, verdict.Client);
        Assert.Equal(0UL, genesis.Height);
        Assert.Equal(_chain.Committees[0].Set.Hash, genesis.TrustedSet.Hash);
    }

    [Fact]
    public void A_change_to_the_same_set_is_a_valid_no_op_that_moves_the_height()
    {
        var set = _chain.Committees[0].Set;
        var header = SetChanges.Header(50, set, set);

        var verdict = Genesis.Advance([new LightClient.SetChange(header, _chain.Committees[0].Certify(header), set)]);

        Assert.True(verdict.IsValid, verdict.Error);
        Assert.Equal(50UL, verdict.Client.Height);
        Assert.Equal(set.Hash, verdict.Client.TrustedSet.Hash);
    }

    [Fact]
    public void Verifying_a_header_with_a_tampered_field_fails()
    {
        var set = _chain.Committees[0].Set;
        var header = SetChanges.Header(5, set, set);
        var certificate = _chain.Committees[0].Certify(header);

        var verdict = Genesis.Verify(header with { StateRoot = Hashing.Sha256([1]) }, certificate);

        Assert.Equal(Rejection.CertificateInvalid, verdict.Rejection);
    }
}
