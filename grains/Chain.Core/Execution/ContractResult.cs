using System.Text;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// What a contract execution or query ended with: a status, the exact gas used, return data, a message (empty on
/// success; otherwise a revert reason or a fixed text per status) and the events of committed frames in order.
/// </summary>
public sealed record ContractResult(ReceiptStatus Status, ulong GasUsed, byte[] ReturnData, string Message, IReadOnlyList<ContractEvent> Events)
{
    public bool Succeeded => Status == ReceiptStatus.Success;

    public static ContractResult Failure(ReceiptStatus status, ulong gasUsed, string message) => new(status, gasUsed, [], message, []);

    /// <summary>The receipt's contract section; the message is cut to <see cref="ContractLimits.MaxMessageBytes"/> bytes.</summary>
    public ContractOutcome ToOutcome()
    {
        var message = Encoding.UTF8.GetBytes(Message);
        if (message.Length > ContractLimits.MaxMessageBytes)
        {
            message = message[..ContractLimits.MaxMessageBytes];
        }

        return new ContractOutcome(GasUsed, ReturnData, message, Events);
    }
}
