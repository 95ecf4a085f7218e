using Chain.Core.Execution;
using Chain.Core.Staking;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Core.Blocks;

/// <summary>
/// Builds the next block on top of a head: executes candidates, updates the state tree, and fills in
/// the header's roots. Pure apart from reading committed state and tree nodes. The validator sets come
/// from state (<see cref="StakingQueries"/>): the active set certifies the block, the previous set certified
/// its parent and is what the block's parent certificate is checked against.
/// </summary>
public static class BlockAssembler
{
    /// <summary>
    /// Proposes the next block. <c>proposedTimeUnixMs</c> is the proposer's clock; the header time is
    /// never earlier than the parent's plus one millisecond. Throws <see cref="ArgumentException"/> when
    /// the proposer is not in the active set or <paramref name="lastCertificate"/> is not a valid
    /// certificate of the head (null only at height 1): both are the caller's to get right.
    /// </summary>
    public static ProposedBlock Propose(
        ChainHead head,
        string chainId,
        ChainParameters parameters,
        Address proposer,
        long proposedTimeUnixMs,
        QuorumCertificate? lastCertificate,
        IStateReader state,
        SparseMerkleTree tree,
        IEnumerable<SignedTransaction> candidates,
        int parallelism = 1) =>
        Propose(head, chainId, parameters, proposer, proposedTimeUnixMs, lastCertificate, state, tree, candidates, new ExecutionOptions { Parallelism = parallelism });

    /// <summary>
    /// <see cref="Propose(ChainHead, string, ChainParameters, Address, long, QuorumCertificate?, IStateReader, SparseMerkleTree, IEnumerable{SignedTransaction}, int)"/>
    /// with explicit execution options; <see cref="ExecutionOptions.SignaturesChecked"/> only for candidates already verified (this node's admission).
    /// </summary>
    public static ProposedBlock Propose(
        ChainHead head,
        string chainId,
        ChainParameters parameters,
        Address proposer,
        long proposedTimeUnixMs,
        QuorumCertificate? lastCertificate,
        IStateReader state,
        SparseMerkleTree tree,
        IEnumerable<SignedTransaction> candidates,
        ExecutionOptions options) =>
        Propose(head, chainId, parameters, proposer, proposedTimeUnixMs, lastCertificate, state, tree, candidates, [], options);

    /// <summary>Proposes the next block with candidate incoming cross-shard receipts; those that cannot apply are left out (<see cref="ProposedBlock.DroppedIncoming"/>).</summary>
    public static ProposedBlock Propose(
        ChainHead head,
        string chainId,
        ChainParameters parameters,
        Address proposer,
        long proposedTimeUnixMs,
        QuorumCertificate? lastCertificate,
        IStateReader state,
        SparseMerkleTree tree,
        IEnumerable<SignedTransaction> candidates,
        IReadOnlyList<IncomingReceipt> incoming,
        ExecutionOptions options)
    {
        if (!IsMember(StakingQueries.ActiveSet(state), proposer))
        {
            throw new ArgumentException($"proposer {proposer} is not in the active validator set", nameof(proposer));
        }

        if (ParentCertificate.Check(chainId, head, lastCertificate, StakingQueries.PreviousSet(state)) is { } problem)
        {
            throw new ArgumentException(problem, nameof(lastCertificate));
        }

        var height = checked(head.Height + 1);
        var time = Math.Max(proposedTimeUnixMs, checked(head.TimeUnixMs + 1));
        var context = new BlockContext(chainId, height, time, proposer, parameters);
        var execution = BlockExecutor.Build(state, context, lastCertificate, candidates, incoming, options);
        return Seal(head, context, lastCertificate, tree, execution, options.Parallelism);
    }

    /// <summary>
    /// Re-executes a received block and checks it whole; a null error means it is valid. Cheap checks come
    /// first (chain, linkage, time, set hash, proposer, body against header), then the parent certificate
    /// (indexes and quorum before signatures), then re-execution and the rebuilt header, roots and
    /// NextValidatorSetHash included.
    /// </summary>
    public static (ProposedBlock? Block, string? Error) Verify(
        ChainHead head,
        string chainId,
        ChainParameters parameters,
        Block block,
        IStateReader state,
        SparseMerkleTree tree,
        int parallelism = 1) =>
        Verify(head, chainId, parameters, block, state, tree, new ExecutionOptions { Parallelism = parallelism });

    /// <summary>
    /// <see cref="Verify(ChainHead, string, ChainParameters, Block, IStateReader, SparseMerkleTree, int)"/> with explicit
    /// execution options; <see cref="ExecutionOptions.SignaturesChecked"/> only for a block whose certificate was already verified.
    /// </summary>
    public static (ProposedBlock? Block, string? Error) Verify(
        ChainHead head,
        string chainId,
        ChainParameters parameters,
        Block block,
        IStateReader state,
        SparseMerkleTree tree,
        ExecutionOptions options)
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

        var validators = StakingQueries.ActiveSet(state);
        if (header.ValidatorSetHash != validators.Hash)
        {
            return (null, "the header's validator-set hash is not the active set's");
        }

        if (!IsMember(validators, header.Proposer))
        {
            return (null, "the proposer is not in the active validator set");
        }

        if (transactions.Count > parameters.MaxBlockTransactions)
        {
            return (null, $"block has {transactions.Count} transactions, more than the limit {parameters.MaxBlockTransactions}");
        }

        if (block.CheckBody() is { } bodyProblem)
        {
            return (null, bodyProblem);
        }

        if (ParentCertificate.Check(chainId, head, block.LastCertificate, StakingQueries.PreviousSet(state)) is { } certificateProblem)
        {
            return (null, certificateProblem);
        }

        var context = new BlockContext(header.ChainId, header.Height, header.TimeUnixMs, header.Proposer, parameters);
        var (execution, error) = BlockExecutor.Replay(state, context, block.LastCertificate, transactions, block.Incoming, options);
        if (execution is null)
        {
            return (null, error);
        }

        var rebuilt = Seal(head, context, block.LastCertificate, tree, execution, options.Parallelism);
        if (rebuilt.Header.NextValidatorSetHash != header.NextValidatorSetHash)
        {
            return (null, "the header's next-validator-set hash does not match re-execution");
        }

        return rebuilt.Header == header ? (rebuilt, null) : (null, "the header's roots do not match re-execution");
    }

    private static bool IsMember(ValidatorSet set, Address address) => set.Validators.Any(v => v.Address == address);

    private static ProposedBlock Seal(ChainHead head, BlockContext context, QuorumCertificate? lastCertificate, SparseMerkleTree tree, BlockExecution execution, int parallelism)
    {
        var update = tree.Update(head.StateRoot, execution.Changes, parallelism);
        var transactionsRoot = FinalizedBlock.TransactionsRoot(execution.Included);
        var chunks = ChunkLayout.Headers(context.Parameters.ShardCount, execution.Included, execution.Incoming, execution.Outgoing, transactionsRoot);
        var header = new BlockHeader(
            context.ChainId,
            context.Height,
            head.BlockHash,
            context.TimeUnixMs,
            transactionsRoot,
            FinalizedBlock.ReceiptsRoot(execution.Receipts),
            update.Root,
            execution.Validators.Hash,
            execution.NextValidators.Hash,
            QuorumCertificate.HashOf(lastCertificate),
            context.Proposer,
            (uint)execution.Included.Count,
            ChunkHeader.Root(chunks));
        return new ProposedBlock(header, lastCertificate, execution.Included, execution.Receipts, execution.Changes, update, execution.Rejected, execution.Validators, execution.NextValidators)
        {
            Incoming = execution.Incoming,
            IncomingOutcomes = execution.IncomingOutcomes,
            Outgoing = execution.Outgoing,
            Chunks = chunks,
            DroppedIncoming = execution.DroppedIncoming,
        };
    }
}
