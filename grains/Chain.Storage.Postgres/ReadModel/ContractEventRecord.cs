namespace Chain.Storage.Postgres.ReadModel;

/// <summary>
/// One event a contract emitted in a successful transaction (id: <c>{tx hash}:{index}</c>), as in the transaction's
/// receipt. Ordered by (<see cref="Height"/>, <see cref="TransactionIndex"/>, <see cref="Index"/>).
/// </summary>
public sealed class ContractEventRecord
{
    public string Id { get; set; } = string.Empty;

    /// <summary>The emitting contract's address (bech32).</summary>
    public string Contract { get; set; } = string.Empty;

    public long Height { get; set; }

    /// <summary>The transaction's position in its block.</summary>
    public int TransactionIndex { get; set; }

    /// <summary>The transaction hash, lowercase hex.</summary>
    public string TransactionHash { get; set; } = string.Empty;

    /// <summary>The event's position among its transaction's events (all contracts).</summary>
    public int Index { get; set; }

    public byte[] Topic { get; set; } = [];

    public byte[] Data { get; set; } = [];
}
