using Chain.Core.Blocks;
using Chain.Core.Staking;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Transactions;

namespace Chain.Grains.Consensus;

/// <summary>
/// The chain's block rules as the grains call them: building and verifying a block on a given state,
/// and reading the validator set from state. One place, so the ledger and every validator apply the same ones.
/// </summary>
internal static class ChainRules
{
    public static ProposedBlock Propose(
        GenesisDocument genesis, ChainHead head, Address proposer, long timeUnixMs, QuorumCertificate? lastCertificate,
        IStateReader state, SparseMerkleTree tree, IEnumerable<SignedTransaction> candidates) =>
        BlockAssembler.Propose(head, genesis.ChainId, genesis.Parameters, proposer, timeUnixMs, lastCertificate, state, tree, candidates);

    public static (ProposedBlock? Block, string? Error) Verify(GenesisDocument genesis, ChainHead head, Block block, IStateReader state, SparseMerkleTree tree) =>
        BlockAssembler.Verify(head, genesis.ChainId, genesis.Parameters, block, state, tree);

    /// <summary>The set that certifies the block after <paramref name="block"/>.</summary>
    public static ValidatorSet NextSet(ProposedBlock block) => block.NextValidators;

    /// <summary>The set that certifies the block after the state's height.</summary>
    public static ValidatorSet ActiveSet(IStateReader state) => StakingQueries.ActiveSet(state);
}
