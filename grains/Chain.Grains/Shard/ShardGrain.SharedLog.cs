using Chain.Core.State;
using Chain.Grains.Consensus;
using Chain.Grains.Events;
using Chain.Protocol.Blocks;
using Chain.Storage;

namespace Chain.Grains.Shard;

/// <summary>
/// Production mode: the shard's stream lives in the shared event log (Marten on PostgreSQL) and is the source
/// of truth. This silo's store keeps a replica of the stream, in one local batch with what it projects (blocks,
/// state, validator sets), written only after the shared append committed; so the replica is always a prefix
/// of the shared stream, and activation (any silo, after any crash) first catches the replica up from it.
/// </summary>
public sealed partial class ShardGrain
{
    private const int CatchUpPage = 256;

    private async Task<KeyValuePair<int, ShardState>> ReadSharedAsync(IEventLog shared)
    {
        var version = 0;
        var state = new ShardState();
        if (await shared.ReadSnapshotAsync(StreamId) is { } snapshot)
        {
            version = snapshot.Version;
            state = ShardState.Decode(snapshot.State);
        }

        // Every append writes the snapshot in its transaction, so the tail is normally empty.
        for (var page = await shared.ReadEventsAsync(StreamId, version, CatchUpPage); page.Count > 0; page = await shared.ReadEventsAsync(StreamId, version, CatchUpPage))
        {
            foreach (var stored in page)
            {
                state.Apply(ShardEventCodec.Decode(stored.Event));
                version = stored.Version + 1;
            }
        }

        await CatchUpLocalAsync(shared, version);
        return new KeyValuePair<int, ShardState>(version, state);
    }

    private async Task<bool> ApplySharedAsync(IEventLog shared, IReadOnlyList<ShardEvent> updates, int expectedVersion)
    {
        var state = State.Copy();
        foreach (var update in updates)
        {
            state.Apply(update);
        }

        byte[][] encoded = [.. updates.Select(ShardEventCodec.Encode)];
        if (!await shared.TryAppendAsync(StreamId, expectedVersion, encoded, new StreamSnapshot(expectedVersion + updates.Count, state.Encode())))
        {
            return false;
        }

        // Committed cluster-wide. A crash from here on leaves this silo's replica behind, never ahead.
        var batch = new WriteBatch();
        if (!ledger.Events.TryStageAppend(batch, StreamId, expectedVersion, encoded))
        {
            await CatchUpLocalAsync(shared, expectedVersion + updates.Count);
            return true;
        }

        StageProjectionAndWrite(batch, updates, expectedVersion);
        return true;
    }

    /// <summary>Brings this silo's replica of the stream, and its projections, up to <paramref name="sharedVersion"/>.</summary>
    private async Task CatchUpLocalAsync(IEventLog shared, int sharedVersion)
    {
        var (local, state) = ReadLocal();
        if (local > sharedVersion)
        {
            throw new InvalidOperationException(
                $"this silo's ledger holds {local} events of {StreamId} but the shared event store only {sharedVersion}: the local ledger is from another database; delete the silo's ledger directory and it is rebuilt from the store");
        }

        if (local > 0)
        {
            var mine = ledger.Events.ReadEvents(StreamId, local - 1).First().Event;
            var theirs = await shared.ReadEventsAsync(StreamId, local - 1, 1);
            if (theirs.Count != 1 || !mine.AsSpan().SequenceEqual(theirs[0].Event))
            {
                throw new InvalidOperationException(
                    $"event {local - 1} of {StreamId} differs between this silo's ledger and the shared event store: the local ledger is from another chain; delete the silo's ledger directory and it is rebuilt from the store");
            }
        }

        var from = local;
        while (local < sharedVersion)
        {
            var page = await shared.ReadEventsAsync(StreamId, local, Math.Min(CatchUpPage, sharedVersion - local));
            if (page.Count == 0)
            {
                throw new InvalidOperationException($"the shared event store ended {StreamId} at {local}, before version {sharedVersion}");
            }

            foreach (var stored in page)
            {
                var update = ShardEventCodec.Decode(stored.Event);
                var batch = new WriteBatch();
                if (!ledger.Events.TryStageAppend(batch, StreamId, local, [stored.Event]))
                {
                    throw new InvalidOperationException($"{StreamId} changed in this silo's ledger during catch-up");
                }

                StageProjection(batch, state, update, CheckReplayed(update));
                state.Apply(update);
                local++;
                ledger.Events.StageSnapshot(batch, StreamId, local, state.Encode());
                ledger.KeyValues.Write(batch, durable: local == sharedVersion);
            }
        }

        if (local > from)
        {
            ShardLog.CaughtUp(log, _shardId, from, local);
        }
    }

    /// <summary>Checks an event read from the shared store belongs to this chain; returns the next validator set when a block changes it.</summary>
    private ValidatorSet? CheckReplayed(ShardEvent update)
    {
        switch (update)
        {
            case GenesisApplied g when !g.GenesisHash.AsSpan().SequenceEqual(genesis.Hash().ToArray()):
                throw new InvalidOperationException("the shared event store holds another chain (its genesis differs from this silo's genesis.json)");
            case ChunkCommitted chunk:
                var header = FinalizedBlock.Decode(chunk.Block).Header;
                if (header.NextValidatorSetHash == header.ValidatorSetHash)
                {
                    return null;
                }

                // The set after a block is a function of the state after it: read it through the block's changes.
                var after = new StateOverlay(ledger.State);
                foreach (var change in ShardEventCodec.DecodeChanges(chunk.Changes))
                {
                    after.Set(change.Key, change.Value);
                }

                var next = ChainRules.ActiveSet(after);
                return next.Hash == header.NextValidatorSetHash
                    ? next
                    : throw new InvalidOperationException($"block {chunk.Height} names next validator set {header.NextValidatorSetHash}, its state gives {next.Hash}");
            default:
                return null;
        }
    }
}
