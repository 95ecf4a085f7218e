using Chain.Core.State;
using Chain.Protocol.Crypto;
using Chain.Storage;

namespace Chain.Tests.Unit.Core;

/// <summary>The state store behaves the same over RocksDB and the in-memory reference backend.</summary>
public abstract class StateStoreContract : IDisposable
{
    protected abstract IKeyValueStore Store { get; }

    [Fact]
    public void Staged_heights_keep_their_roots_and_old_roots_stay_provable()
    {
        var state = new StateStore(Store);
        var tree = new SparseMerkleTree(state);
        Assert.Null(state.LatestHeight);

        IReadOnlyList<StateChange> first = [new StateChange([1], [10]), new StateChange([2], [20])];
        var update1 = tree.Update(Hash32.Zero, first);
        var batch = new WriteBatch();
        StateStore.Stage(batch, 1, update1, first);
        Store.Write(batch);

        IReadOnlyList<StateChange> second = [new StateChange([1], null), new StateChange([3], [30])];
        var update2 = tree.Update(update1.Root, second);
        batch = new WriteBatch();
        StateStore.Stage(batch, 2, update2, second);
        Store.Write(batch);

        Assert.Equal(2UL, state.LatestHeight);
        Assert.Equal(update1.Root, state.RootAt(1));
        Assert.Equal(update2.Root, state.RootAt(2));
        Assert.Null(state.Get([1]));
        Assert.Equal([30], state.Get([3]));

        // Height 1 is still readable and provable through its root: nodes are never overwritten.
        Assert.Equal([10], tree.Get(update1.Root, [1]));
        Assert.Equal(Chain.Protocol.Proofs.StateProofResult.Included, tree.Prove(update1.Root, [1]).Verify(update1.Root));
        Assert.Equal(Chain.Protocol.Proofs.StateProofResult.Excluded, tree.Prove(update2.Root, [1]).Verify(update2.Root));
    }

    public void Dispose()
    {
        Store.Dispose();
        Cleanup();
        GC.SuppressFinalize(this);
    }

    protected virtual void Cleanup()
    {
    }
}

public sealed class InMemoryStateStoreTests : StateStoreContract
{
    protected override IKeyValueStore Store { get; } = new InMemoryKeyValueStore();
}

public sealed class RocksDbStateStoreTests : StateStoreContract
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"chain-state-{Guid.NewGuid():N}");

    public RocksDbStateStoreTests() => Store = RocksDbKeyValueStore.Open(_path);

    protected override IKeyValueStore Store { get; }

    protected override void Cleanup() => Directory.Delete(_path, recursive: true);
}
