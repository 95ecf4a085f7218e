using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Client;

/// <summary>
/// A final transaction whose place in block <see cref="BlockHeader.Height"/> was checked: it is leaf
/// <see cref="Index"/> of the header's transactions root. The receipt is as the node reported it.
/// </summary>
public sealed record TransactionInclusion(SignedTransaction Transaction, Receipt Receipt, BlockHeader Header, uint Index)
{
    /// <summary>A cross-shard transfer's legs (see <see cref="TransferLeg"/>); empty for anything else.</summary>
    public IReadOnlyList<TransferLeg> Legs { get; init; } = [];
}
