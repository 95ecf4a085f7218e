using Chain.Core.State;
using Chain.Grains.Contract;
using Chain.Grains.Events;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Storage;
using Orleans.EventSourcing.CustomStorage;

namespace Chain.Grains.Shard;

/// <summary>
/// Custom log storage: events, the grain snapshot, the block and the state projection go into one
/// write batch, so after any crash the stream, the block store and the state agree. The same batch appends each
/// touched contract's events to that contract's stream (<see cref="ContractStreams"/>).
/// </summary>
public sealed partial class ShardGrain : ICustomStorageInterface<ShardState, ShardEvent>
{
    /// <summary>What the block being confirmed already computed, so storage need not redo it; absent on replay.</summary>
    private PendingCommit? _pending;

    public Task<KeyValuePair<int, ShardState>> ReadStateFromStorage() =>
        ledger.SharedEvents is { } shared ? ReadSharedAsync(shared) : Task.FromResult(ReadLocal());

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<ShardEvent> updates, int expectedVersion) =>
        ledger.SharedEvents is { } shared ? ApplySharedAsync(shared, updates, expectedVersion) : Task.FromResult(ApplyLocal(updates, expectedVersion));

    private KeyValuePair<int, ShardState> ReadLocal()
    {
        var snapshot = ledger.Events.ReadSnapshot(StreamId);
        var version = 0;
        var state = new ShardState();
        if (snapshot is { } s)
        {
            version = s.Version;
            state = ShardState.Decode(s.State);
        }

        foreach (var stored in ledger.Events.ReadEvents(StreamId, version))
        {
            state.Apply(ShardEventCodec.Decode(stored.Event));
            version = stored.Version + 1;
        }

        var projected = ledger.State.LatestHeight;
        if (state.GenesisApplied && projected != state.Height)
        {
            throw new InvalidOperationException(
                $"ledger store is inconsistent: shard stream is at height {state.Height}, state at {projected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        return new KeyValuePair<int, ShardState>(version, state);
    }

    private bool ApplyLocal(IReadOnlyList<ShardEvent> updates, int expectedVersion)
    {
        var batch = new WriteBatch();
        if (!ledger.Events.TryStageAppend(batch, StreamId, expectedVersion, [.. updates.Select(ShardEventCodec.Encode)]))
        {
            return false;
        }

        StageProjectionAndWrite(batch, updates, expectedVersion);
        return true;
    }

    /// <summary>
    /// Completes a batch whose stream append is staged: each event's projection (block, state, contract streams), the
    /// grain snapshot after them, then one write.
    /// </summary>
    private void StageProjectionAndWrite(WriteBatch batch, IReadOnlyList<ShardEvent> updates, int expectedVersion)
    {
        var state = State.Copy();
        foreach (var update in updates)
        {
            StageProjection(batch, state, update);
            state.Apply(update);
        }

        ledger.Events.StageSnapshot(batch, StreamId, expectedVersion + updates.Count, state.Encode());
        ledger.Write(batch);
    }

    private void StageProjection(WriteBatch batch, ShardState before, ShardEvent update, ValidatorSet? nextValidators = null)
    {
        switch (update)
        {
            case GenesisApplied:
                var genesisChanges = Chain.Core.Blocks.GenesisState.Changes(genesis);
                StateStore.Stage(batch, 0, _tree.Update(Hash32.Zero, genesisChanges, Environment.ProcessorCount), genesisChanges);
                ValidatorSetStore.StageSet(batch, genesis.Validators);
                break;
            case ChunkCommitted chunk:
                var pending = _pending is { } p && p.Block.Header.Height == chunk.Height ? p : null;
                var changes = pending?.Changes ?? ShardEventCodec.DecodeChanges(chunk.Changes);
                var tree = pending?.Tree ?? _tree.Update(new Hash32(before.StateRoot), changes, Environment.ProcessorCount);
                if (tree.Root != new Hash32(chunk.StateRoot))
                {
                    throw new InvalidOperationException($"block {chunk.Height}'s changes give state root {tree.Root}, its event says {new Hash32(chunk.StateRoot)}");
                }

                var block = pending?.Block ?? FinalizedBlock.Decode(chunk.Block);
                ledger.Blocks.Stage(batch, block, chunk.Block); // the event holds the block's encoding: no second encode
                StateStore.Stage(batch, chunk.Height, tree, changes);

                // Contract streams gain this block's contract events in the same write: they never disagree with the ledger.
                ContractStreams.Stage(batch, ledger.Events, ContractStreams.FromBlock(block, changes, RecordBefore));
                if (block.Header.NextValidatorSetHash != block.Header.ValidatorSetHash)
                {
                    // The next set is known to the commit that computed it; every set change is committed that way.
                    var next = pending?.NextValidators ?? nextValidators ?? throw new InvalidOperationException($"block {chunk.Height} changes the validator set but the new set is unknown");
                    ValidatorSetStore.StageSet(batch, next);
                    ValidatorSetStore.StageChange(batch, chunk.Height);
                }

                break;
        }
    }

    /// <summary>A contract's record before the block being staged (the store holds the previous height until the batch is written).</summary>
    private ContractRecord? RecordBefore(Address contract) =>
        ledger.State.Get(StateKeys.Contract(contract)) is { } bytes ? ContractRecord.Decode(bytes) : null;

    private sealed record PendingCommit(FinalizedBlock Block, TreeUpdate Tree, ValidatorSet NextValidators, IReadOnlyList<StateChange> Changes);
}
