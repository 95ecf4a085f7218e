namespace Chain.Storage.Postgres.ReadModel;

/// <summary>A committed transaction as the API serves it (id: the transaction hash, lowercase hex).</summary>
public sealed class TransactionRecord
{
    public string Id { get; set; } = string.Empty;

    /// <summary>The stream the block was committed to (<c>shard-{n}</c>).</summary>
    public string Stream { get; set; } = string.Empty;

    public long Height { get; set; }

    /// <summary>The transaction's position in its block.</summary>
    public int Index { get; set; }

    /// <summary>The block hash, lowercase hex.</summary>
    public string BlockHash { get; set; } = string.Empty;

    /// <summary>The sender's address (bech32).</summary>
    public string Sender { get; set; } = string.Empty;

    /// <summary>The payload kind (<c>Transfer</c>, <c>Call</c>, …).</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The receipt status (<c>Success</c> or the failure reason).</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The fee charged, from the receipt.</summary>
    public ulong Fee { get; set; }
}
