using Chain.Grains.Events;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Storage.Postgres.ReadModel;

/// <summary>
/// The read-model documents one committed block yields, derived purely from the finalized block (transactions and
/// receipts), so replaying a shard stream rebuilds them exactly. Contract events come from the receipts (the same
/// events the ledger puts in the contract streams, which live only in each silo's local store).
/// </summary>
public sealed class BlockRows
{
    public List<TransactionRecord> Transactions { get; } = [];

    public List<AccountActivity> Activities { get; } = [];

    public List<ContractEventRecord> ContractEvents { get; } = [];

    /// <summary>The documents of <paramref name="committed"/> in the shard stream <paramref name="stream"/>.</summary>
    public static BlockRows From(string stream, ChunkCommitted committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        var block = FinalizedBlock.Decode(committed.Block);
        var height = checked((long)block.Header.Height);
        var blockHash = Convert.ToHexStringLower(committed.BlockHash);
        var rows = new BlockRows();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            var receipt = block.Receipts[i];
            var hash = tx.Hash.ToString();
            var sender = tx.Body.SenderAddress.ToString();
            rows.Transactions.Add(new TransactionRecord
            {
                Id = hash,
                Stream = stream,
                Height = height,
                Index = i,
                BlockHash = blockHash,
                Sender = sender,
                Kind = tx.Body.Payload.Kind.ToString(),
                Status = receipt.Status.ToString(),
                Fee = receipt.FeeCharged,
            });

            var recipient = Recipient(tx.Body.Payload, receipt)?.ToString();
            if (recipient == sender)
            {
                rows.Activities.Add(Activity(sender, height, i, hash, ActivityRole.Sender | ActivityRole.Recipient));
            }
            else
            {
                rows.Activities.Add(Activity(sender, height, i, hash, ActivityRole.Sender));
                if (recipient is not null)
                {
                    rows.Activities.Add(Activity(recipient, height, i, hash, ActivityRole.Recipient));
                }
            }

            if (receipt.Status != ReceiptStatus.Success || receipt.Contract is not { } outcome)
            {
                continue;
            }

            for (var e = 0; e < outcome.Events.Count; e++)
            {
                var ev = outcome.Events[e];
                rows.ContractEvents.Add(new ContractEventRecord
                {
                    Id = $"{hash}:{e}",
                    Contract = ev.Contract.ToString(),
                    Height = height,
                    TransactionIndex = i,
                    TransactionHash = hash,
                    Index = e,
                    Topic = ev.Topic,
                    Data = ev.Data,
                });
            }
        }

        return rows;
    }

    /// <summary>Who else a transaction is about: a transfer's recipient, a call's or upgrade's contract, a deploy's new contract.</summary>
    private static Address? Recipient(TransactionPayload payload, Receipt receipt) => payload switch
    {
        Transfer t => t.To,
        Call c => c.Contract,
        Upgrade u => u.Contract,
        Deploy when receipt is { Status: ReceiptStatus.Success, Contract.ReturnData.Length: Address.Size } => new Address(receipt.Contract.ReturnData),
        _ => null,
    };

    private static AccountActivity Activity(string account, long height, int index, string hash, ActivityRole role) => new()
    {
        Id = $"{account}:{hash}",
        Account = account,
        Height = height,
        Index = index,
        TransactionHash = hash,
        Role = role,
    };
}
