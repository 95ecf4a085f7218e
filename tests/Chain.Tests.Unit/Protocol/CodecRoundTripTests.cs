using Chain.Protocol.Blocks;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using CsCheck;

namespace Chain.Tests.Unit.Protocol;

/// <summary>Every encodable value decodes back to itself (field by field, not only byte for byte).</summary>
public sealed class CodecRoundTripTests
{
    [Fact]
    public void A_signed_transaction_decodes_to_the_same_body_signature_and_hash() =>
        ProtocolGenerators.SignedTransaction.Sample(tx =>
        {
            var decoded = SignedTransaction.Decode(tx.Encode());
            Assert.Equal(tx.Body, decoded.Body);
            Assert.Equal(tx.Signature, decoded.Signature);
            Assert.Equal(tx.Hash, decoded.Hash);
            Assert.Equal(tx.Encode(), decoded.Encode());
        });

    [Fact]
    public void A_header_decodes_to_the_same_header_and_hash() =>
        ProtocolGenerators.Header.Sample(header =>
        {
            var decoded = BlockHeader.Decode(header.Encode());
            Assert.Equal(header, decoded);
            Assert.Equal(header.Hash(), decoded.Hash());
            Assert.True(header.Encode().Length <= BlockHeader.EncodedMaxBytes);
        });

    [Fact]
    public void A_certificate_decodes_to_the_same_signatures_in_the_same_order() =>
        ProtocolGenerators.Certificate.Sample(qc =>
        {
            var decoded = QuorumCertificate.Decode(qc.Encode());
            Assert.Equal((qc.Height, qc.Round, qc.BlockHash), (decoded.Height, decoded.Round, decoded.BlockHash));
            Assert.Equal(qc.Signatures, decoded.Signatures);
        });

    [Fact]
    public void A_receipt_decodes_to_the_same_receipt() =>
        ProtocolGenerators.Receipt.Sample(receipt =>
        {
            Assert.Equal(Receipt.EncodedSize, receipt.Encode().Length);
            Assert.Equal(receipt, Receipt.Decode(receipt.Encode()));
        });

    [Fact]
    public void A_validator_set_decodes_to_the_same_members_power_and_hash() =>
        ProtocolGenerators.ValidatorSet.Sample(set =>
        {
            var decoded = ValidatorSet.Decode(set.Encode());
            Assert.Equal(set.Validators, decoded.Validators);
            Assert.Equal(set.TotalPower, decoded.TotalPower);
            Assert.Equal(set.Hash, decoded.Hash);
        });

    [Fact]
    public void A_validator_set_is_the_same_whatever_order_its_members_are_given_in() =>
        ProtocolGenerators.ValidatorSet.Sample(set =>
        {
            var reversed = new ValidatorSet(set.Validators.Reverse());
            Assert.Equal(set.Hash, reversed.Hash);
            Assert.Equal(set.Validators.OrderBy(v => v.PublicKey), set.Validators);
        });

    [Fact]
    public void A_state_proof_decodes_to_the_same_key_value_other_leaf_and_siblings() =>
        ProtocolGenerators.StateProof.Sample(proof =>
        {
            var decoded = StateProof.Decode(proof.Encode());
            Assert.Equal(proof.Key, decoded.Key);
            Assert.Equal(proof.Value, decoded.Value);
            Assert.Equal(proof.OtherLeaf, decoded.OtherLeaf);
            Assert.Equal(proof.Siblings, decoded.Siblings);
        });

    [Fact]
    public void A_finalized_block_decodes_to_the_same_header_certificate_transactions_and_receipts() =>
        ProtocolGenerators.FinalizedBlock.Sample(block =>
        {
            var decoded = FinalizedBlock.Decode(block.Encode());
            Assert.Equal(block.Header, decoded.Header);
            Assert.Equal(block.Certificate.Signatures, decoded.Certificate.Signatures);
            Assert.Equal(block.Transactions.Select(t => t.Hash), decoded.Transactions.Select(t => t.Hash));
            Assert.Equal(block.Receipts, decoded.Receipts);
            Assert.Equal(block.Encode(), decoded.Encode());
        }, iter: 50);

    [Fact]
    public void A_genesis_document_decodes_to_the_same_document_and_hash() =>
        ProtocolGenerators.Genesis.Sample(genesis =>
        {
            Assert.Null(genesis.Validate());
            var decoded = GenesisDocument.Decode(genesis.Encode());
            Assert.Equal((genesis.ChainId, genesis.GenesisTimeUnixMs, genesis.Parameters), (decoded.ChainId, decoded.GenesisTimeUnixMs, decoded.Parameters));
            Assert.Equal(genesis.Validators.Hash, decoded.Validators.Hash);
            Assert.Equal(genesis.Accounts, decoded.Accounts);
            Assert.Equal(genesis.Hash(), decoded.Hash());
        }, iter: 50);

    [Fact]
    public void An_account_state_decodes_to_the_same_balance_and_nonce() =>
        ProtocolGenerators.AccountState.Sample(state =>
        {
            Assert.Equal(AccountState.EncodedSize, state.Encode().Length);
            Assert.Equal(state, AccountState.Decode(state.Encode()));
        });
}
