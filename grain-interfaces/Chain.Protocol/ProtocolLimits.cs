namespace Chain.Protocol;

/// <summary>Bounds on untrusted input. Each one caps the cost of decoding or checking a value.</summary>
public static class ProtocolLimits
{
    /// <summary>Largest encoded signed transaction accepted anywhere (room for a deploy of the largest module).</summary>
    public const int MaxTransactionBytes = 640 * 1024;

    public const int MaxChainIdLength = 32;
    public const int MaxMemoBytes = 256;

    /// <summary>How far past the account nonce a transaction may be admitted (queued in the mempool).</summary>
    public const ulong MaxNonceGap = 64;

    public const int MaxTransactionsPerBlock = 10_000;
    public const int MaxValidators = 1024;

    /// <summary>Largest encoded block body (header, last certificate, transactions) a proposal may carry.</summary>
    public const int MaxBlockBytes = 8 * 1024 * 1024;

    /// <summary>Largest encoded certificate: one signature per validator.</summary>
    public const int MaxCertificateBytes = 48 + (MaxValidators * 68);
    /// <summary>A state key: room for a contract storage key (<c>0x08 | contract 20 | key ≤ 256</c>).</summary>
    public const int MaxStateKeyBytes = 320;
    public const int MaxStateValueBytes = 1024 * 1024;

    /// <summary>A sparse-Merkle path is at most 256 levels deep.</summary>
    public const int MaxProofSiblings = 256;

    /// <summary>A binary Merkle audit path for a tree of up to 2^32 leaves.</summary>
    public const int MaxAuditPath = 32;

    /// <summary>Most shards a chain may have (a genesis parameter).</summary>
    public const int MaxShards = 64;

    /// <summary>Most cross-shard receipts one block may apply, all shards together.</summary>
    public const int MaxIncomingPerBlock = 10_000;

    /// <summary>
    /// Most bytes of a contract receipt's data (a call's arguments, a callback's return data or reason): the larger of
    /// <c>ContractLimits.MaxArgsBytes</c> and <c>ContractLimits.MaxReturnBytes</c> (§13.3).
    /// </summary>
    public const int MaxContractReceiptDataBytes = 64 * 1024;

    /// <summary>
    /// Most bytes of encoded incoming contract receipts (calls and callbacks, with their proofs) one block may apply, all shards
    /// together (a block validity rule, §13.4): they are up to about 66 KiB each, so the count limit alone would not keep a block
    /// near <see cref="MaxBlockBytes"/>. Transfer receipts are bounded by <see cref="MaxIncomingPerBlock"/> alone, as before.
    /// </summary>
    public const int MaxContractIncomingBytesPerBlock = 2 * 1024 * 1024;
}
