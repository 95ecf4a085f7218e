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
}
