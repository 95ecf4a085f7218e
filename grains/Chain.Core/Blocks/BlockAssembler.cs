using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Transactions;

namespace Chain.Core.Blocks;

/// <summary>
/// Builds the next block on top of a head: executes candidates, updates the state tree, and fills in
/// the header's roots. Pure apart from reading committed state and tree nodes.
/// </summary>
public static class BlockAssembler
{
    /// <summary>
    /// Proposes the next block. <c>proposedTimeUnixMs</c> is the proposer's clock; the header time is
    /// never earlier than the parent's plus one millisecond.
    /// </summary>
    public static ProposedBlock Propose(
        ChainHead head,
        string chainId,
        ChainParameters parameters,
        ValidatorSet validators,
        Address proposer,
        long proposedTimeUnixMs,
        QuorumCertificate? lastCertificate,
        IStateReader state,
        SparseMerkleTree tree,
        IEnumerable<SignedTransaction> candidates)
    {
        var height = checked(head.Height + 1);
        var time = Math.Max(proposedTimeUnixMs, checked(head.TimeUnixMs + 1));
        var context = new BlockContext(chainId, height, time, proposer, parameters);
        var execution = BlockExecutor.Build(state, context, candidates);
        return Seal(head, context, validators, lastCertificate, tree, execution);
    }

    /// <summary>Re-executes a received block and checks every root in its header; null error means it is valid.</summary>
    public static (ProposedBlock? Block, string? Error) Verify(
        ChainHead head,
        string chainId,
        ChainParameters parameters,
        ValidatorSet validators,
        Block block,
        IStateReader state,
        SparseMerkleTree tree)
    {
        var header = block.Header;
        var transactions = block.Transactions;
        if (!string.Equals(header.ChainId, chainId, StringComparison.Ordinal))
        {
            return (null, $"the block is for chain '{header.ChainId}', not '{chainId}'");
        }

        if (header.Height != head.Height + 1 || header.PreviousHash != head.BlockHash)
        {
            return (null, "the block does not extend the current head");
        }

        if (header.TimeUnixMs <= head.TimeUnixMs)
        {
            return (null, "the block time is not after its parent's");
        }

        var context = new BlockContext(header.ChainId, header.Height, header.TimeUnixMs, header.Proposer, parameters);
        var (execution, error) = BlockExecutor.Replay(state, context, transactions);
        if (execution is null)
        {
            return (null, error);
        }

        var rebuilt = Seal(head, context, validators, block.LastCertificate, tree, execution);
        return rebuilt.Header == header ? (rebuilt, null) : (null, "the header's roots do not match re-execution");
    }

    private static ProposedBlock Seal(ChainHead head, BlockContext context, ValidatorSet validators, QuorumCertificate? lastCertificate, SparseMerkleTree tree, BlockExecution execution)
    {
        var update = tree.Update(head.StateRoot, execution.Changes);
        var header = new BlockHeader(
            context.ChainId,
            context.Height,
            head.BlockHash,
            context.TimeUnixMs,
            FinalizedBlock.TransactionsRoot(execution.Included),
            FinalizedBlock.ReceiptsRoot(execution.Receipts),
            update.Root,
            validators.Hash,
            validators.Hash,
            QuorumCertificate.HashOf(lastCertificate),
            context.Proposer,
            (uint)execution.Included.Count);
        return new ProposedBlock(header, lastCertificate, execution.Included, execution.Receipts, execution.Changes, update, execution.Rejected);
    }
}
