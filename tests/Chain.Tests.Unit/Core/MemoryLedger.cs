using Chain.Core;
using Chain.Core.State;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Core;

/// <summary>A minimal committed state for core tests: flat values and tree nodes in dictionaries.</summary>
internal sealed class MemoryLedger : IStateReader, ITreeNodeSource
{
    private readonly Dictionary<byte[], byte[]> _values = new(ByteArrayComparer.Instance);
    private readonly Dictionary<Hash32, byte[]> _nodes = [];

    public Hash32 Root { get; private set; } = Hash32.Zero;

    public SparseMerkleTree Tree => new(this);

    public byte[]? Get(byte[] key) => _values.GetValueOrDefault(key);

    public byte[]? GetNode(Hash32 hash) => _nodes.GetValueOrDefault(hash);

    public TreeUpdate Commit(IReadOnlyList<StateChange> changes)
    {
        var update = Tree.Update(Root, changes);
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
        return update;
    }
}
