using Chain.Core.State;
using Chain.Protocol.Crypto;

namespace Chain.Storage;

/// <summary>
/// A shard's state in a key-value store: immutable tree nodes by hash (<c>s/n/</c>), the flat latest
/// value of each key for execution (<c>s/k/</c>), the state root of every height (<c>s/r/</c>) and the
/// latest committed height (<c>s/h</c>). A block's writes are staged into the caller's batch, so state,
/// block and events commit in one atomic write.
/// </summary>
public sealed class StateStore(IKeyValueReader store) : ITreeNodeSource, IStateReader
{
    private static readonly byte[] NodePrefix = "s/n/"u8.ToArray();
    private static readonly byte[] ValuePrefix = "s/k/"u8.ToArray();
    private static readonly byte[] RootPrefix = "s/r/"u8.ToArray();
    private static readonly byte[] HeightKey = "s/h"u8.ToArray();

    public byte[]? GetNode(Hash32 hash) => store.Get(NodeKey(hash));

    public byte[]? Get(byte[] key) => store.Get(KeyCodec.Concat(ValuePrefix, key));

    /// <summary>The latest committed height; null before genesis was written.</summary>
    public ulong? LatestHeight
    {
        get
        {
            var bytes = store.Get(HeightKey);
            return bytes is null ? null : KeyCodec.DecodeU64(bytes);
        }
    }

    public Hash32? RootAt(ulong height)
    {
        var bytes = store.Get(RootKey(height));
        return bytes is null ? null : new Hash32(bytes);
    }

    /// <summary>Stages the state of <paramref name="height"/>: new tree nodes, flat values, its root and the height pointer.</summary>
    public static void Stage(WriteBatch batch, ulong height, TreeUpdate tree, IReadOnlyList<StateChange> changes)
    {
        foreach (var node in tree.NewNodes)
        {
            batch.Put(NodeKey(node.Hash), node.Encode());
        }

        foreach (var change in changes)
        {
            var key = KeyCodec.Concat(ValuePrefix, change.Key);
            if (change.Value is null)
            {
                batch.Delete(key);
            }
            else
            {
                batch.Put(key, change.Value);
            }
        }

        batch.Put(RootKey(height), tree.Root.ToArray());
        batch.Put(HeightKey, KeyCodec.EncodeU64(height));
    }

    private static byte[] NodeKey(Hash32 hash) => KeyCodec.WithHash(NodePrefix, hash);

    private static byte[] RootKey(ulong height) => KeyCodec.WithU64(RootPrefix, height);
}
