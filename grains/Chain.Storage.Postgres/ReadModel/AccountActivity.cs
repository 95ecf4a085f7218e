namespace Chain.Storage.Postgres.ReadModel;

/// <summary>
/// One transaction in one account's history (id: <c>{account}:{tx hash}</c>): as its sender, its recipient (a transfer's
/// <c>To</c>, a call's or upgrade's contract), or both. Ordered by (<see cref="Height"/>, <see cref="Index"/>).
/// </summary>
public sealed class AccountActivity
{
    public string Id { get; set; } = string.Empty;

    /// <summary>The account's address (bech32).</summary>
    public string Account { get; set; } = string.Empty;

    public long Height { get; set; }

    /// <summary>The transaction's position in its block.</summary>
    public int Index { get; set; }

    /// <summary>The transaction hash, lowercase hex.</summary>
    public string TransactionHash { get; set; } = string.Empty;

    public ActivityRole Role { get; set; }
}
