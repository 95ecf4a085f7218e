using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
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
    public void Transactions_of_every_payload_kind_are_generated() =>
        Assert.Equal(
            Enum.GetValues<PayloadKind>().Order(),
            ProtocolGenerators.Transaction.Array[500].Single().Select(t => t.Payload.Kind).Distinct().Order());

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
    public void A_certificate_hash_is_the_tagged_hash_of_its_encoding_and_no_certificate_hashes_to_zero()
    {
        ProtocolGenerators.Certificate.Sample(qc =>
        {
            Assert.Equal(Hashing.Tagged(HashTags.Certificate, qc.Encode()), qc.Hash());
            Assert.Equal(qc.Hash(), QuorumCertificate.HashOf(QuorumCertificate.Decode(qc.Encode())));
        });
        Assert.Equal(Hash32.Zero, QuorumCertificate.HashOf(null));
    }

    [Fact]
    public void A_block_decodes_to_the_same_header_parent_certificate_transactions_and_incoming_receipts() =>
        ProtocolGenerators.Block.Sample(block =>
        {
            var decoded = Block.Decode(block.Encode());
            Assert.Equal(block.Header, decoded.Header);
            Assert.Equal(block.Hash(), decoded.Hash());
            Assert.Equal(block.LastCertificate?.Encode(), decoded.LastCertificate?.Encode());
            Assert.Equal(block.Transactions.Select(t => t.Hash), decoded.Transactions.Select(t => t.Hash));
            AssertSameIncoming(block.Incoming, decoded.Incoming);
            Assert.Equal(block.Encode(), decoded.Encode());
        }, iter: 50);

    [Fact]
    public void A_signed_vote_decodes_to_the_same_vote_key_and_signature() =>
        ProtocolGenerators.SignedVote.Sample(vote =>
        {
            var decoded = SignedVote.Decode(vote.Encode());
            Assert.Equal(vote, decoded);
            Assert.Equal(vote.IsNil, decoded.IsNil);
            Assert.True(vote.Encode().Length <= SignedVote.EncodedMaxBytes);
        });

    [Fact]
    public void A_consensus_message_decodes_to_the_same_proposal_and_block_or_vote() =>
        ProtocolGenerators.ConsensusMessage.Sample(message =>
        {
            var decoded = ConsensusMessage.Decode(message.Encode());
            switch (message)
            {
                case ProposalMessage p:
                    var proposal = Assert.IsType<ProposalMessage>(decoded);
                    Assert.Equal(p.Proposal, proposal.Proposal);
                    Assert.Equal(p.Block, proposal.Block);
                    break;
                case VoteMessage v:
                    Assert.Equal(v, decoded);
                    break;
                default:
                    throw new InvalidOperationException($"unexpected message {message.GetType().Name}");
            }

            Assert.Equal(message.Encode(), decoded.Encode());
        }, iter: 50);

    [Fact]
    public void Duplicate_vote_evidence_decodes_to_the_same_two_votes_in_the_same_order() =>
        ProtocolGenerators.Evidence.Sample(evidence =>
        {
            Assert.Equal(evidence, DuplicateVoteEvidence.Decode(evidence.Encode()));
            if (evidence.First.Vote.BlockHash != evidence.Second.Vote.BlockHash)
            {
                // Conflicting votes have one canonical order, whichever order they are found in.
                Assert.Equal(DuplicateVoteEvidence.Of(evidence.First, evidence.Second), DuplicateVoteEvidence.Of(evidence.Second, evidence.First));
            }
        });

    [Fact]
    public void Staking_parameters_read_back_as_written_in_their_fixed_size() =>
        ProtocolGenerators.Staking.Sample(staking =>
        {
            Assert.Null(staking.Validate());
            var w = new CanonicalWriter();
            staking.Write(w);
            Assert.Equal(StakingParameters.EncodedSize, w.Length);
            var r = new CanonicalReader(w.WrittenSpan);
            Assert.Equal(staking, StakingParameters.Read(ref r));
            r.EnsureEnd();
        });

    [Fact]
    public void A_finalized_block_decodes_to_the_same_header_certificate_transactions_receipts_and_chunks() =>
        ProtocolGenerators.FinalizedBlock.Sample(block =>
        {
            var decoded = FinalizedBlock.Decode(block.Encode());
            Assert.Equal(block.Header, decoded.Header);
            Assert.Equal(block.Certificate.Signatures, decoded.Certificate.Signatures);
            Assert.Equal(block.LastCertificate?.Encode(), decoded.LastCertificate?.Encode());
            Assert.Equal(block.ToBlock().Encode(), decoded.ToBlock().Encode());
            Assert.Equal(block.Transactions.Select(t => t.Hash), decoded.Transactions.Select(t => t.Hash));
            Assert.Equal(block.Receipts, decoded.Receipts);
            AssertSameIncoming(block.Incoming, decoded.Incoming);
            Assert.Equal(block.Outgoing, decoded.Outgoing);
            Assert.Equal(block.Chunks, decoded.Chunks);
            Assert.Equal(block.Encode(), decoded.Encode());
        }, iter: 50);

    /// <summary>Incoming receipts compare field by field: their paths are lists, which records compare by reference.</summary>
    internal static void AssertSameIncoming(IReadOnlyList<Chain.Protocol.Sharding.IncomingReceipt> expected, IReadOnlyList<Chain.Protocol.Sharding.IncomingReceipt> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal((e.Receipt, e.Index, e.LeafCount), (a.Receipt, a.Index, a.LeafCount));
            Assert.Equal(e.Path, a.Path);
        }
    }

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
