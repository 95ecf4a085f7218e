namespace Chain.Storage;

/// <summary>An ordered list of puts and deletes that a store applies atomically.</summary>
public sealed class WriteBatch
{
    private readonly List<WriteOperation> _operations = [];

    public IReadOnlyList<WriteOperation> Operations => _operations;

    public int Count => _operations.Count;

    public WriteBatch Put(byte[] key, byte[] value)
    {
        _operations.Add(new WriteOperation(key, value));
        return this;
    }

    public WriteBatch Delete(byte[] key)
    {
        _operations.Add(new WriteOperation(key, null));
        return this;
    }
}

/// <summary>A put (<see cref="Value"/> set) or a delete (<see cref="Value"/> null).</summary>
public readonly record struct WriteOperation(byte[] Key, byte[]? Value);
