using Marten;

namespace Chain.Storage.Postgres.ReadModel;

/// <summary>
/// The API's queries over the read models <see cref="ReadModelProjection"/> keeps: bounded and paged (at most
/// <see cref="MaxPageSize"/> rows per call), each answered by one indexed query.
/// </summary>
public sealed class PostgresReadModel(IDocumentStore store)
{
    public const int MaxPageSize = 1000;

    /// <summary>The transaction with hash <paramref name="hashHex"/> (hex, either case), or null if no committed block holds it.</summary>
    public async Task<TransactionRecord?> GetTransactionAsync(string hashHex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashHex);
        await using var query = store.QuerySession();
        return await query.LoadAsync<TransactionRecord>(hashHex.ToLowerInvariant(), cancellationToken);
    }

    /// <summary>
    /// <paramref name="account"/>'s transactions, newest first (height, then index in block, descending); from the start
    /// or strictly before <paramref name="before"/> (the previous page's <c>Next</c>).
    /// </summary>
    public async Task<ReadModelPage<AccountActivity, HistoryCursor>> GetAccountHistoryAsync(
        string account, int pageSize, HistoryCursor? before = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        CheckPageSize(pageSize);
        await using var query = store.QuerySession();
        var rows = query.Query<AccountActivity>().Where(a => a.Account == account);
        if (before is { } c)
        {
            rows = rows.Where(a => a.Height < c.Height || (a.Height == c.Height && a.Index < c.Index));
        }

        var items = await rows.OrderByDescending(a => a.Height).ThenByDescending(a => a.Index).Take(pageSize + 1).ToListAsync(cancellationToken);
        return Page(items, pageSize, last => new HistoryCursor(last.Height, last.Index));
    }

    /// <summary>
    /// The events <paramref name="contract"/> emitted, oldest first, from height <paramref name="fromHeight"/> on, or
    /// strictly after <paramref name="after"/> (the previous page's <c>Next</c>, which then replaces the height).
    /// </summary>
    public async Task<ReadModelPage<ContractEventRecord, ContractEventCursor>> GetContractEventsAsync(
        string contract, long fromHeight, int pageSize, ContractEventCursor? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(contract);
        ArgumentOutOfRangeException.ThrowIfNegative(fromHeight);
        CheckPageSize(pageSize);
        await using var query = store.QuerySession();
        var rows = query.Query<ContractEventRecord>().Where(e => e.Contract == contract);
        if (after is { } c)
        {
            rows = rows.Where(e => e.Height > c.Height
                || (e.Height == c.Height && e.TransactionIndex > c.TransactionIndex)
                || (e.Height == c.Height && e.TransactionIndex == c.TransactionIndex && e.Index > c.Index));
        }
        else
        {
            rows = rows.Where(e => e.Height >= fromHeight);
        }

        var items = await rows.OrderBy(e => e.Height).ThenBy(e => e.TransactionIndex).ThenBy(e => e.Index).Take(pageSize + 1).ToListAsync(cancellationToken);
        return Page(items, pageSize, last => new ContractEventCursor(last.Height, last.TransactionIndex, last.Index));
    }

    /// <summary>The first <paramref name="pageSize"/> of <paramref name="items"/> (fetched one longer), with a cursor when there were more.</summary>
    private static ReadModelPage<TItem, TCursor> Page<TItem, TCursor>(IReadOnlyList<TItem> items, int pageSize, Func<TItem, TCursor> cursorAfter)
        where TCursor : class =>
        items.Count <= pageSize
            ? new ReadModelPage<TItem, TCursor>(items, null)
            : new ReadModelPage<TItem, TCursor>(items.Take(pageSize).ToList(), cursorAfter(items[pageSize - 1]));

    private static void CheckPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
    }
}
