namespace Chain.Storage;

/// <summary>Where a finalized transaction is: the block height and its index in that block's transaction list.</summary>
public readonly record struct TransactionLocation(ulong Height, uint Index);
