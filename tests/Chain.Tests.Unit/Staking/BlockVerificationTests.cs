using Chain.Core.Blocks;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Tests.Unit.Core;
using static Chain.Tests.Unit.Staking.StakingTestData;

namespace Chain.Tests.Unit.Staking;

/// <summary>What <c>BlockAssembler.Verify</c> refuses about validator sets and the parent certificate.</summary>
public sealed class BlockVerificationTests
{
    private readonly TestChain _chain = new(accounts: 1, balance: 1_000, validators: 4, power: 1_000, staking: Quick(epochLength: 2));

    [Fact]
    public void A_header_naming_another_certifying_set_is_refused()
    {
        var block = _chain.Propose([]).ToBlock();
        AssertRefused(block with { Header = block.Header with { ValidatorSetHash = Hash32.Zero } }, "validator-set hash");
    }

    [Fact]
    public void A_header_whose_next_set_hash_does_not_match_re_execution_is_refused()
    {
        _chain.Step([]);
        var block = _chain.Propose([]).ToBlock();
        Assert.Equal(2UL, block.Header.Height);
        AssertRefused(block with { Header = block.Header with { NextValidatorSetHash = block.Header.ValidatorSetHash } }, "next-validator-set");
    }

    [Fact]
    public void A_proposer_outside_the_active_set_is_refused()
    {
        var block = _chain.Propose([]).ToBlock();
        AssertRefused(block with { Header = block.Header with { Proposer = _chain.Keys[0].Address } }, "proposer");
        Assert.Throws<ArgumentException>(() => _chain.Propose([], proposer: _chain.Keys[0]));
    }

    [Fact]
    public void Block_1_must_not_carry_a_certificate_and_later_blocks_must()
    {
        var first = _chain.Propose([]).ToBlock();
        AssertRefused(WithCertificate(first, _chain.Certify(first.Header, _chain.Validators)), "block 1 must not carry");

        _chain.Step([]);
        var second = _chain.Propose([]).ToBlock();
        AssertRefused(WithCertificate(second, null), "must carry the certificate");
        Assert.Throws<ArgumentException>(() => BlockAssembler.Propose(_chain.Head, TestChain.Id, _chain.Parameters, _chain.Validator.Address, 0, null, _chain.Ledger, _chain.Ledger.Tree, []));
    }

    [Fact]
    public void A_certificate_for_another_block_is_refused()
    {
        _chain.Step([]);
        var block = _chain.Propose([]).ToBlock();
        var other = block.LastCertificate! with { BlockHash = Hash32.Zero };
        AssertRefused(WithCertificate(block, other), "another block");
        AssertRefused(WithCertificate(block, block.LastCertificate! with { Height = 7 }), "another block");
    }

    [Fact]
    public void A_certificate_with_a_forged_signature_is_refused()
    {
        _chain.Step([]);
        var block = _chain.Propose([]).ToBlock();
        var signatures = block.LastCertificate!.Signatures.ToArray();
        var bytes = signatures[2].Signature.ToArray();
        bytes[0] ^= 1;
        signatures[2] = signatures[2] with { Signature = new Signature(bytes) };
        AssertRefused(WithCertificate(block, block.LastCertificate with { Signatures = signatures }), "does not verify");
    }

    [Fact]
    public void A_certificate_under_two_thirds_is_refused_before_any_signature_is_checked()
    {
        _chain.Step([]);
        var block = _chain.Propose([]).ToBlock();
        var garbage = new Signature(new byte[64]);

        // Two of four equal validators: exactly half. Their signatures are garbage, yet the refusal is about power.
        var under = block.LastCertificate! with { Signatures = [new CommitSignature(0, garbage), new CommitSignature(1, garbage)] };
        AssertRefused(WithCertificate(block, under), "not more than 2/3");

        // Repeated or unknown members, or more signatures than members, are refused on the indexes alone too.
        var repeated = block.LastCertificate with { Signatures = [new CommitSignature(0, garbage), new CommitSignature(0, garbage), new CommitSignature(1, garbage)] };
        AssertRefused(WithCertificate(block, repeated), "unknown or repeated");
        var unknown = block.LastCertificate with { Signatures = [new CommitSignature(0, garbage), new CommitSignature(1, garbage), new CommitSignature(9, garbage)] };
        AssertRefused(WithCertificate(block, unknown), "unknown or repeated");
        var tooMany = block.LastCertificate with { Signatures = [.. Enumerable.Range(0, 5).Select(i => new CommitSignature((uint)i, garbage))] };
        AssertRefused(WithCertificate(block, tooMany), "more signatures");
    }

    [Fact]
    public void A_certificate_from_three_of_four_equal_validators_is_enough()
    {
        _chain.Step([], signs: k => k != _chain.ValidatorKeys[2].PublicKey);
        Assert.Equal(3, _chain.LastCertificate!.Signatures.Count);
        _chain.Step([]);
    }

    [Fact]
    public void The_same_block_executes_to_identical_roots_every_time()
    {
        _chain.Step([_chain.Tx(_chain.Keys[0], new Chain.Protocol.Transactions.Bond(300))]);
        var proposed = _chain.Propose([_chain.Tx(_chain.Keys[0], new Chain.Protocol.Transactions.Delegate(_chain.Validator.Address, 200))]);
        var (first, _) = _chain.Verify(proposed.ToBlock());
        var (second, _) = _chain.Verify(proposed.ToBlock());
        Assert.Equal(proposed.Header, first!.Header);
        Assert.Equal(first.Header, second!.Header);
        Assert.Equal(proposed.Tree.Root, second.Tree.Root);
        Assert.Equal(Keys(proposed), Keys(first));
        Assert.Equal(Keys(first), Keys(second));

        static string[] Keys(ProposedBlock b) => [.. b.Changes.Select(c => Convert.ToHexString(c.Key) + "=" + (c.Value is null ? "-" : Convert.ToHexString(c.Value)))];
    }

    /// <summary>The block with another parent certificate, its header's commitment updated so only the certificate check can object.</summary>
    private static Block WithCertificate(Block block, QuorumCertificate? certificate) =>
        block with { LastCertificate = certificate, Header = block.Header with { LastCertificateHash = QuorumCertificate.HashOf(certificate) } };

    private void AssertRefused(Block block, string reason)
    {
        var (result, error) = _chain.Verify(block);
        Assert.Null(result);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
