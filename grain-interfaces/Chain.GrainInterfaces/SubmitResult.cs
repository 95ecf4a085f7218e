namespace Chain.GrainInterfaces;

/// <summary>
/// The answer to a submission. When not accepted, <see cref="ErrorCode"/> is a
/// <c>Chain.Protocol.Transactions.TxErrorCode</c> and <see cref="Message"/> says what to do.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.SubmitResult")]
public sealed record SubmitResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] byte[]? TransactionHash,
    [property: Id(2)] int ErrorCode,
    [property: Id(3)] string? Message);
