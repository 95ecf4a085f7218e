namespace Chain.GrainInterfaces;

/// <summary>
/// The answer to a read-only query: <see cref="Status"/> is a <c>ReceiptStatus</c> value (0 success), the exact
/// gas it used, its return data, a message when it failed, and the committed height it read.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ContractQueryResult")]
public sealed record ContractQueryResult(
    [property: Id(0)] int Status,
    [property: Id(1)] ulong GasUsed,
    [property: Id(2)] byte[] ReturnData,
    [property: Id(3)] string Message,
    [property: Id(4)] ulong Height);
