using Chain.Core.State;
using Chain.Grains.Contract.Events;
using Chain.Grains.Events;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Chain.Storage;

namespace Chain.Grains.Contract;

/// <summary>
/// The contract streams' side of a committed block: which events each contract's stream gains, derived purely from
/// the finalized block (its transactions and receipts) and the block's state changes. The ledger stages them into
/// the block's own write batch (<see cref="Stage"/>), so a contract stream is never ahead of or behind the ledger.
/// </summary>
public static class ContractStreams
{
    private const string StreamPrefix = "contract-";

    /// <summary>The stream id of a contract: <c>contract-{bech32 address}</c>.</summary>
    public static string StreamId(Address contract) => StreamPrefix + contract;

    /// <summary>
    /// The events of <paramref name="block"/> for each contract it touched, sorted by address; within a contract, the
    /// deploy/upgrade and emitted events in transaction order, then one <see cref="StorageChanged"/> for the block.
    /// <paramref name="recordBefore"/> reads a contract's record as of before the block (for upgrade versions).
    /// </summary>
    public static SortedDictionary<Address, List<ContractStreamEvent>> FromBlock(
        FinalizedBlock block, IReadOnlyList<StateChange> changes, Func<Address, ContractRecord?> recordBefore)
    {
        var height = block.Header.Height;
        var streams = new SortedDictionary<Address, List<ContractStreamEvent>>();
        var versions = new Dictionary<Address, uint>();
        List<ContractStreamEvent> Of(Address a) => streams.TryGetValue(a, out var list) ? list : streams[a] = [];

        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            var receipt = block.Receipts[i];
            if (receipt.Status != ReceiptStatus.Success || receipt.Contract is not { } outcome)
            {
                continue;
            }

            var hash = tx.Hash.ToArray();
            switch (tx.Body.Payload)
            {
                case Deploy deploy when outcome.ReturnData.Length == Address.Size:
                    var deployed = new Address(outcome.ReturnData);
                    versions[deployed] = 1;
                    Of(deployed).Add(new ContractDeployed(
                        height, hash, tx.Body.SenderAddress.ToArray(), ContractRecord.CodeHashOf(deploy.Code).ToArray(), deploy.Admin?.ToArray()));
                    break;
                case Upgrade upgrade:
                    var before = versions.TryGetValue(upgrade.Contract, out var v) ? v : recordBefore(upgrade.Contract)?.Version ?? 0;
                    versions[upgrade.Contract] = before + 1;
                    Of(upgrade.Contract).Add(new ContractUpgraded(height, hash, before + 1, ContractRecord.CodeHashOf(upgrade.Code).ToArray()));
                    break;
            }

            // Events of one transaction, split by the contract that emitted them, each in emission order.
            var byContract = new SortedDictionary<Address, List<ContractEvent>>();
            foreach (var e in outcome.Events)
            {
                (byContract.TryGetValue(e.Contract, out var list) ? list : byContract[e.Contract] = []).Add(e);
            }

            foreach (var (contract, events) in byContract)
            {
                Of(contract).Add(new EventsEmitted(height, (uint)i, hash, events));
            }
        }

        foreach (var (contract, diff) in StorageDiffs(changes))
        {
            Of(contract).Add(new StorageChanged(height, ShardEventCodec.EncodeChanges(diff)));
        }

        return streams;
    }

    /// <summary>Appends each contract's events of the block to its stream, in <paramref name="batch"/>.</summary>
    public static void Stage(WriteBatch batch, EventStreamStore events, SortedDictionary<Address, List<ContractStreamEvent>> streams)
    {
        foreach (var (contract, list) in streams)
        {
            var id = StreamId(contract);
            var version = events.GetVersion(id);
            if (!events.TryStageAppend(batch, id, version, [.. list.Select(ContractEventCodec.Encode)]))
            {
                throw new InvalidOperationException($"contract stream {id} changed while the ledger, its only writer, staged a block");
            }
        }
    }

    /// <summary>The contract storage changes (<c>0x08 ‖ address ‖ key</c>) by contract, keys without the prefix, in key order.</summary>
    private static SortedDictionary<Address, List<StateChange>> StorageDiffs(IReadOnlyList<StateChange> changes)
    {
        var diffs = new SortedDictionary<Address, List<StateChange>>();
        foreach (var change in changes)
        {
            if (change.Key.Length <= 1 + Address.Size || change.Key[0] != StateKeys.ContractStorageSpace)
            {
                continue;
            }

            var contract = new Address(change.Key.AsSpan(1, Address.Size));
            var list = diffs.TryGetValue(contract, out var l) ? l : diffs[contract] = [];
            list.Add(new StateChange(change.Key[(1 + Address.Size)..], change.Value));
        }

        return diffs;
    }
}
