namespace Chain.Protocol.Blocks;

/// <summary>How an included transaction ended. The fee is charged in every case.</summary>
public enum ReceiptStatus : byte
{
    Success = 0,

    /// <summary>The sender could pay the fee but not the amount: nonce and fee are consumed, nothing moves.</summary>
    InsufficientBalance = 1,

    /// <summary>Crediting the recipient would overflow its balance.</summary>
    BalanceOverflow = 2,
}
