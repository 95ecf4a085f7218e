using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// One contract payload to execute: its sender, the transaction's nonce (before it advanced: a deploy derives the
/// contract address from it) and the payload, whose gas limit bounds the run.
/// </summary>
public sealed record ContractInvocation(Address Sender, ulong Nonce, TransactionPayload Payload)
{
    /// <summary>The payload's gas limit.</summary>
    public ulong GasLimit => ((IContractPayload)Payload).GasLimit;

    /// <summary>The hash of the transaction that started this execution: the origin of every cross-shard receipt it sends.</summary>
    public Hash32 Origin { get; init; }

    /// <summary>
    /// A call's value arrives with a cross-shard receipt (docs/protocol.md §13.4): it was debited at the source and is credited
    /// to the contract here, instead of moving from <see cref="Sender"/>. On failure it is not credited (the caller refunds it).
    /// </summary>
    public bool ValueInFlight { get; init; }
}
