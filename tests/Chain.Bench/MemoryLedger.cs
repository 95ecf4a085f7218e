using Chain.Core;
using Chain.Core.State;
using Chain.Protocol.Crypto;

namespace Chain.Bench;

/// <summary>A committed state in dictionaries (as the unit tests' MemoryLedger): values for execution, tree nodes for the root.</summary>
internal sealed class MemoryLedger : IStateReader, ITreeNodeSource
{
    private readonly Dictionary<byte[], byte[]> _values = new(ByteArrayComparer.Instance);
    private readonly Dictionary<Hash32, byte[]> _nodes = [];

    public Hash32 Root { get; private set; } = Hash32.Zero;

    public byte[]? Get(byte[] key) => _values.GetValueOrDefault(key);

    public byte[]? GetNode(Hash32 hash) => _nodes.GetValueOrDefault(hash);

    public void Commit(IReadOnlyList<StateChange> changes)
    {
        var update = new SparseMerkleTree(this).Update(Root, changes);
        foreach (var node in update.NewNodes)
        {
            _nodes[node.Hash] = node.Encode();
        }

        foreach (var change in changes)
        {
            if (change.Value is null)
            {
                _values.Remove(change.Key);
            }
            else
            {
                _values[change.Key] = change.Value;
            }
        }

        Root = update.Root;
    }
}
