using Chain.Protocol.Blocks;

namespace Chain.Contracts;

/// <summary>
/// Thrown by host functions to end a frame with a typed status. <see cref="Fatal"/> failures (re-entrancy) are not
/// turned into a status code by the calling frame's <c>call</c>: they end the whole transaction.
/// </summary>
internal sealed class ContractFailure(ReceiptStatus status, string message, bool fatal = false) : Exception(message)
{
    public ReceiptStatus Status { get; } = status;

    public bool Fatal { get; } = fatal;
}
