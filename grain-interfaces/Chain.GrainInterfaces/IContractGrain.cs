namespace Chain.GrainInterfaces;

/// <summary>
/// One contract account (key: its Bech32m address text, <c>chain1…</c>). Event-sourced: its stream (deployed,
/// upgraded, storage changed, events emitted) is appended only by the ledger, in the same atomic write as the block
/// that caused it; the grain replays it read-only and catches up on every call. Answers come from the latest
/// committed block; nothing here changes state, costs a fee or needs a signature.
/// </summary>
[Alias("chain.IContractGrain")]
public interface IContractGrain : IGrainWithStringKey
{
    /// <summary>Code hash, version, admin, deploy and upgrade heights and every code version; <c>Exists</c> false when nothing was deployed here.</summary>
    [Alias("GetInfo")]
    Task<ContractInfo> GetInfoAsync();

    /// <summary>
    /// Runs <paramref name="method"/> read-only against the latest committed state (writes, events, transfers and
    /// value fail with <c>ReadOnlyViolation</c>). <paramref name="caller"/> (20 bytes, or null for the zero address)
    /// is what the contract sees as its caller; <paramref name="gasLimit"/> is capped at the protocol's maximum.
    /// </summary>
    [Alias("Query")]
    Task<ContractQueryResult> QueryAsync(string method, byte[] args, byte[]? caller, ulong gasLimit);

    /// <summary>
    /// The events the contract emitted, oldest first: from <paramref name="fromHeight"/>, or, when
    /// <paramref name="cursor"/> is not 0, from a previous page's <see cref="ContractEventPage.NextCursor"/>.
    /// At most <paramref name="limit"/> (1 to <see cref="ContractEventPage.MaxLimit"/>) per page.
    /// </summary>
    [Alias("GetEvents")]
    Task<ContractEventPage> GetEventsAsync(ulong fromHeight, ulong cursor, int limit);

    /// <summary>The code of <paramref name="version"/> (1 is the deployed code); null when there is no such version.</summary>
    [Alias("GetCode")]
    Task<byte[]?> GetCodeAsync(uint version);
}
