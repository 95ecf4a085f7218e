using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Core.Staking;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Grains.Consensus;

/// <summary>
/// The chain's block rules as the grains call them: building and verifying a block on a given state,
/// and reading the validator set from state. One place, so the ledger and every validator apply the same ones.
/// Every execution takes the node's contract host as a required argument, so no path (proposing, voting,
/// catching up, committing) can run a block with a contract transaction without one.
/// </summary>
internal static class ChainRules
{
    /// <summary>Execution on every core. The state store allows concurrent reads (RocksDB, the in-memory store).</summary>
    private static readonly ExecutionOptions Unverified = new() { Parallelism = Environment.ProcessorCount };

    /// <summary>For transactions or blocks whose signatures are already established (see the callers).</summary>
    private static readonly ExecutionOptions Verified = Unverified with { SignaturesChecked = true };

    /// <summary>
    /// Builds a block from this node's mempool and the cross-shard receipts in flight. Its transactions were signature-checked by
    /// this cluster's admission grains (the shard refuses unchecked ones), so they are not checked again; each receipt's proof is.
    /// </summary>
    public static ProposedBlock Propose(
        GenesisDocument genesis, ChainHead head, Address proposer, long timeUnixMs, QuorumCertificate? lastCertificate,
        IStateReader state, SparseMerkleTree tree, IEnumerable<SignedTransaction> candidates, IReadOnlyList<IncomingReceipt> incoming, IContractHost contracts) =>
        BlockAssembler.Propose(head, genesis.ChainId, genesis.Parameters, proposer, timeUnixMs, lastCertificate, state, tree, candidates, incoming, With(Verified, contracts));

    /// <summary>Checks someone else's proposal: every signature is verified (in parallel) and the block re-executed.</summary>
    public static (ProposedBlock? Block, string? Error) Verify(
        GenesisDocument genesis, ChainHead head, Block block, IStateReader state, SparseMerkleTree tree, IContractHost contracts) =>
        BlockAssembler.Verify(head, genesis.ChainId, genesis.Parameters, block, state, tree, With(Unverified, contracts));

    /// <summary>
    /// Re-executes a block whose quorum certificate the caller has verified: validators holding more than 2/3 of
    /// the stake checked its signatures before precommitting, so they are not checked again (the BFT assumption).
    /// </summary>
    public static (ProposedBlock? Block, string? Error) VerifyCertified(
        GenesisDocument genesis, ChainHead head, Block block, IStateReader state, SparseMerkleTree tree, IContractHost contracts) =>
        BlockAssembler.Verify(head, genesis.ChainId, genesis.Parameters, block, state, tree, With(Verified, contracts));

    private static ExecutionOptions With(ExecutionOptions options, IContractHost contracts) =>
        options with { Contracts = contracts ?? throw new ArgumentNullException(nameof(contracts)) };

    /// <summary>The set that certifies the block after <paramref name="block"/>.</summary>
    public static ValidatorSet NextSet(ProposedBlock block) => block.NextValidators;

    /// <summary>The set that certifies the block after the state's height.</summary>
    public static ValidatorSet ActiveSet(IStateReader state) => StakingQueries.ActiveSet(state);
}
