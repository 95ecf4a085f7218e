using Chain.Core.Blocks;
using Chain.Core.State;
using Chain.Grains.Validator;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Chain.Storage;

namespace Chain.Tests.Grains;

/// <summary>
/// A validator's replica writes a block's tree nodes only when the ledger in its database does not hold them already:
/// nodes are addressed by hash, so one copy serves both, and a replica that skipped them still reads, proves and
/// proposes on its state after a restart.
/// </summary>
public sealed class ValidatorReplicaTests : IDisposable
{
    private readonly KeyPair _validator = KeyPair.Generate();
    private readonly KeyPair _sender = KeyPair.Generate();
    private readonly GenesisDocument _genesis;

    public ValidatorReplicaTests() =>
        _genesis = new GenesisDocument(
            "replica-test",
            1_700_000_000_000,
            ChainParameters.Default,
            new ValidatorSet([new Validator(_validator.PublicKey, 10)]),
            [new GenesisAccount(_sender.Address, 1_000_000)]);

    [Fact]
    public void A_replica_whose_ledger_committed_the_block_in_the_same_database_writes_no_tree_nodes_and_still_works_after_a_restart()
    {
        using var database = new InMemoryKeyValueStore();
        var ledger = new Ledger(database, _genesis);
        var replica = new ValidatorReplica(database, _validator.Address);
        replica.EnsureGenesis(_genesis);
        var nodesAtGenesis = ReplicaNodes(database);

        var (block, certificate) = Next(replica, transfers: 20);
        Assert.NotEmpty(block.Tree.NewNodes);
        ledger.Commit(block, certificate);   // the ledger commits first, as the validator waits for it before applying
        replica.Apply(block, certificate);

        Assert.Equal(nodesAtGenesis, ReplicaNodes(database));
        AssertServesItsState(new ValidatorReplica(database, _validator.Address), block, ledger);
    }

    [Fact]
    public void A_replica_whose_ledger_is_elsewhere_writes_the_block_tree_nodes_itself()
    {
        using var database = new InMemoryKeyValueStore();
        var replica = new ValidatorReplica(database, _validator.Address);
        replica.EnsureGenesis(_genesis);
        var nodesAtGenesis = ReplicaNodes(database);

        var (block, certificate) = Next(replica, transfers: 20);
        replica.Apply(block, certificate);

        Assert.True(ReplicaNodes(database) > nodesAtGenesis);
        Assert.All(block.Tree.NewNodes, node => Assert.NotNull(database.Get(KeyCodec.Concat(ReplicaNodePrefix, node.Hash.ToArray()))));
        AssertServesItsState(new ValidatorReplica(database, _validator.Address), block, ledger: null);
    }

    public void Dispose()
    {
        _validator.Dispose();
        _sender.Dispose();
    }

    /// <summary>A reopened replica is at the block, reads every account through its tree as its flat values say, and its next proposal's root is the ledger's.</summary>
    private void AssertServesItsState(ValidatorReplica reopened, ProposedBlock block, Ledger? ledger)
    {
        Assert.Equal(block.Header.Height, reopened.Height);
        Assert.Equal(block.Header.StateRoot, reopened.Head!.StateRoot);
        foreach (var change in block.Changes)
        {
            Assert.Equal(change.Value, reopened.Tree.Get(reopened.Head.StateRoot, change.Key));
            Assert.Equal(change.Value, reopened.State.Get(change.Key));
        }

        var (next, certificate) = Next(reopened, transfers: 5);
        if (ledger is not null)
        {
            ledger.Commit(next, certificate);
            Assert.Equal(ledger.RootAt(next.Header.Height), next.Header.StateRoot);
        }

        reopened.Apply(next, certificate);
        Assert.Equal(next.Header.StateRoot, reopened.Head!.StateRoot);
    }

    private (ProposedBlock Block, QuorumCertificate Certificate) Next(ValidatorReplica replica, int transfers)
    {
        var nonce = replica.State.Get(StateKeys.Account(_sender.Address)) is { } bytes ? AccountState.Decode(bytes).Nonce : 0;
        var candidates = Enumerable.Range(0, transfers)
            .Select(i => new Transaction(_genesis.ChainId, nonce + (ulong)i, _sender.PublicKey, 1, new Transfer(KeyPair.Generate().Address, 10)).Sign(_sender))
            .ToArray();
        var head = replica.Head!;
        var block = BlockAssembler.Propose(head, _genesis.ChainId, _genesis.Parameters, _validator.Address, head.TimeUnixMs + 1_000, replica.LastCertificate, replica.State, replica.Tree, candidates);
        Assert.All(block.Receipts, r => Assert.Equal(ReceiptStatus.Success, r.Status));
        var set = _genesis.Validators;
        return (block, CommitSigner.Certificate(block.Header, 0, [CommitSigner.Sign(block.Header, 0, set, _validator)]));
    }

    private byte[] ReplicaNodePrefix => KeyCodec.Concat("r/"u8, KeyCodec.Concat(_validator.Address.ToArray(), "/s/n/"u8));

    /// <summary>Entries under the replica's tree-node keys.</summary>
    private int ReplicaNodes(InMemoryKeyValueStore database) => database.ScanPrefix(ReplicaNodePrefix).Count();

    /// <summary>The node's ledger as the shard grain keeps it in the silo's database: blocks and state, one batch per block.</summary>
    private sealed class Ledger
    {
        private readonly IKeyValueStore _database;
        private readonly StateStore _state;

        public Ledger(IKeyValueStore database, GenesisDocument genesis)
        {
            _database = database;
            _state = new StateStore(database);
            var changes = GenesisState.Changes(genesis);
            var batch = new WriteBatch();
            StateStore.Stage(batch, 0, new SparseMerkleTree(_state).Update(Hash32.Zero, changes, 1), changes);
            database.Write(batch);
        }

        public void Commit(ProposedBlock block, QuorumCertificate certificate)
        {
            var batch = new WriteBatch();
            new BlockStore(_database).Stage(batch, block.Finalize(certificate));
            StateStore.Stage(batch, block.Header.Height, block.Tree, block.Changes);
            _database.Write(batch);
        }

        public Hash32? RootAt(ulong height) => _state.RootAt(height);
    }
}
