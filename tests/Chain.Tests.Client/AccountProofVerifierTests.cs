using Chain.Client;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;

namespace Chain.Tests.Client;

public sealed class AccountProofVerifierTests : IDisposable
{
    private readonly CertifiedState _chain = new();

    public void Dispose() => _chain.Dispose();

    [Fact]
    public void An_honest_answer_verifies_against_the_pinned_genesis()
    {
        var report = AccountProofVerifier.Verify(_chain.Owner.Address, _chain.HonestAnswer(), _chain.Genesis);

        Assert.Equal(CertifiedState.Height, report.Height);
        Assert.Equal(_chain.Header.Hash(), report.BlockHash);
        Assert.Equal(CertifiedState.Power, report.SignedPower);
        Assert.Equal(CertifiedState.Power, report.TotalPower);
        Assert.Equal(ValidatorSetSource.PinnedGenesis, report.ValidatorSetSource);
        Assert.Equal(StateProofResult.Included, report.Verdict);
    }

    [Fact]
    public void Without_a_pinned_genesis_the_report_says_the_validator_set_came_from_the_node()
    {
        var report = AccountProofVerifier.Verify(_chain.Owner.Address, _chain.HonestAnswer(), trustedGenesis: null);

        Assert.Equal(ValidatorSetSource.ReportedByNode, report.ValidatorSetSource);
        Assert.Equal(StateProofResult.Included, report.Verdict);
    }

    [Fact]
    public void An_absent_account_verifies_as_excluded_with_zero_balance_and_nonce()
    {
        using var stranger = KeyPair.Generate();
        var ownerLeaf = new OtherLeaf(SparseMerkle.KeyHash(StateKeys.Account(_chain.Owner.Address)), SparseMerkle.ValueHash(_chain.State.Encode()));
        var proof = new StateProof(StateKeys.Account(stranger.Address), null, ownerLeaf, []);
        var answer = CertifiedState.Answer(stranger.Address, AccountState.Empty, _chain.Header, _chain.Certificate, _chain.Validators, proof);

        var report = AccountProofVerifier.Verify(stranger.Address, answer, _chain.Genesis);

        Assert.Equal(StateProofResult.Excluded, report.Verdict);
    }

    [Fact]
    public void An_absent_account_claimed_to_hold_funds_fails()
    {
        using var stranger = KeyPair.Generate();
        var ownerLeaf = new OtherLeaf(SparseMerkle.KeyHash(StateKeys.Account(_chain.Owner.Address)), SparseMerkle.ValueHash(_chain.State.Encode()));
        var proof = new StateProof(StateKeys.Account(stranger.Address), null, ownerLeaf, []);
        var answer = CertifiedState.Answer(stranger.Address, new AccountState(5, 0), _chain.Header, _chain.Certificate, _chain.Validators, proof);

        AssertFails(() => AccountProofVerifier.Verify(stranger.Address, answer, _chain.Genesis), "claimed balance 5");
    }

    [Fact]
    public void A_balance_other_than_the_proven_one_fails()
    {
        var answer = _chain.HonestAnswer() with { Balance = _chain.State.Balance + 1 };

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, _chain.Genesis), "the proof shows balance 1000");
    }

    [Fact]
    public void A_nonce_other_than_the_proven_one_fails()
    {
        var answer = _chain.HonestAnswer() with { Nonce = 0 };

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, _chain.Genesis), "nonce 3");
    }

    [Fact]
    public void A_proof_for_another_accounts_key_fails_even_though_it_matches_the_root()
    {
        using var stranger = KeyPair.Generate();
        var answer = _chain.HonestAnswer() with { Address = stranger.Address.ToArray() };

        AssertFails(() => AccountProofVerifier.Verify(stranger.Address, answer, _chain.Genesis), "another key");
    }

    [Fact]
    public void An_answer_for_another_address_fails()
    {
        using var stranger = KeyPair.Generate();

        AssertFails(() => AccountProofVerifier.Verify(stranger.Address, _chain.HonestAnswer(), _chain.Genesis), "another address");
    }

    [Fact]
    public void A_proof_that_does_not_lead_to_the_certified_state_root_fails()
    {
        // A correctly certified header over a different state: the proof of the real account no longer reaches its root.
        var otherRoot = CertifiedState.RootHolding(_chain.Owner.Address, new AccountState(999_999, 3));
        var header = _chain.HeaderOver(otherRoot);
        var answer = CertifiedState.Answer(
            _chain.Owner.Address, _chain.State, header, CertifiedState.Certify(header, _chain.Validator), _chain.Validators, _chain.Proof);

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, _chain.Genesis), "does not lead to the state root");
    }

    [Fact]
    public void A_proof_whose_value_was_changed_to_match_an_inflated_claim_fails()
    {
        var inflated = new AccountState(1_000_000, 3);
        var proof = _chain.Proof with { Value = inflated.Encode() };
        var answer = CertifiedState.Answer(_chain.Owner.Address, inflated, _chain.Header, _chain.Certificate, _chain.Validators, proof);

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, _chain.Genesis), "does not lead to the state root");
    }

    [Fact]
    public void A_certificate_of_another_block_fails()
    {
        var otherBlock = _chain.HeaderOver(_chain.Header.StateRoot, height: CertifiedState.Height + 1);
        var answer = _chain.HonestAnswer() with { Certificate = CertifiedState.Certify(otherBlock, _chain.Validator).Encode() };

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, _chain.Genesis), "another block");
    }

    [Fact]
    public void A_certificate_signed_by_a_key_outside_the_validator_set_fails()
    {
        using var impostor = KeyPair.Generate();
        var answer = _chain.HonestAnswer() with { Certificate = CertifiedState.Certify(_chain.Header, impostor).Encode() };

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, _chain.Genesis), "does not verify");
    }

    [Fact]
    public void A_chain_run_by_validators_other_than_the_pinned_genesis_fails()
    {
        // The node is internally consistent (its own validator certified its own header), but it is not the pinned chain.
        using var otherValidator = KeyPair.Generate();
        var pinned = new GenesisDocument(
            CertifiedState.ChainId, 0, ChainParameters.Default, new ValidatorSet([new Validator(otherValidator.PublicKey, CertifiedState.Power)]), []);

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, _chain.HonestAnswer(), pinned), "pinned genesis");
    }

    [Fact]
    public void A_pinned_genesis_of_another_chain_id_fails()
    {
        var pinned = _chain.Genesis with { ChainId = "othernet" };

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, _chain.HonestAnswer(), pinned), "othernet");
    }

    [Fact]
    public void A_validator_set_other_than_the_one_the_header_names_fails()
    {
        using var otherValidator = KeyPair.Generate();
        var otherSet = new ValidatorSet([new Validator(otherValidator.PublicKey, CertifiedState.Power)]);
        var answer = _chain.HonestAnswer() with { ValidatorSet = otherSet.Encode() };

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, trustedGenesis: null), "not the one the header names");
    }

    [Fact]
    public void A_height_other_than_the_headers_fails()
    {
        var answer = _chain.HonestAnswer() with { Height = CertifiedState.Height + 5 };

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, _chain.Genesis), "claimed height 12");
    }

    [Fact]
    public void Bytes_that_do_not_decode_fail_verification_instead_of_crashing()
    {
        var answer = _chain.HonestAnswer() with { Header = [1, 2, 3] };

        AssertFails(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, _chain.Genesis), "header does not decode");
    }

    [Fact]
    public void Before_the_first_block_there_is_nothing_to_prove_and_that_is_not_found()
    {
        var answer = new AccountResult(_chain.Owner.Address.ToArray(), 1_000, 0, 0, null, null, null, null);

        var e = Assert.Throws<ChainClientException>(() => AccountProofVerifier.Verify(_chain.Owner.Address, answer, _chain.Genesis));

        Assert.Equal(ChainClientErrorKind.NotFound, e.Kind);
    }

    private static void AssertFails(Func<ProofReport> verify, string reason)
    {
        var e = Assert.Throws<ChainClientException>(() => verify());
        Assert.Equal(ChainClientErrorKind.VerificationFailed, e.Kind);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
