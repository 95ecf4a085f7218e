namespace Chain.Storage;

/// <summary>
/// An ordered list of puts and deletes that a store applies atomically.
/// The batch keeps the caller's arrays until it is written: do not change them before
/// <see cref="IKeyValueStore.Write"/>; the store copies them when it applies the batch.
/// </summary>
public sealed class WriteBatch
{
    private readonly List<WriteOperation> _operations = [];

    public IReadOnlyList<WriteOperation> Operations => _operations;

    public int Count => _operations.Count;

    public WriteBatch Put(byte[] key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _operations.Add(new WriteOperation(key, value));
        return this;
    }

    public WriteBatch Delete(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _operations.Add(new WriteOperation(key, null));
        return this;
    }

    /// <summary>
    /// Reads this batch's own writes: true when an operation targets <paramref name="key"/>, with the value
    /// the last such operation leaves (null for a delete). Lets a store stage several dependent entries
    /// (consecutive blocks, two appends to one stream) into one batch.
    /// </summary>
    internal bool TryGetStaged(ReadOnlySpan<byte> key, out byte[]? value)
    {
        for (var i = _operations.Count - 1; i >= 0; i--)
        {
            if (key.SequenceEqual(_operations[i].Key))
            {
                value = _operations[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}

/// <summary>A put (<see cref="Value"/> set) or a delete (<see cref="Value"/> null).</summary>
public readonly record struct WriteOperation(byte[] Key, byte[]? Value);
