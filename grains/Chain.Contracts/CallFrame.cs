using Chain.Core;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Contracts;

/// <summary>
/// One contract activation: its writes and events stay here until it returns; <see cref="CommitTo"/> hands them to the
/// parent (or, for the root, the session applies them to the state view). A failed frame is simply dropped.
/// </summary>
internal sealed class CallFrame(Address contract, Address caller, ulong value, byte[] input, CallFrame? parent)
{
    private readonly Dictionary<byte[], byte[]?> _writes = new(ByteArrayComparer.Instance);
    private readonly List<byte[]> _order = [];

    public Address Contract { get; } = contract;

    public Address Caller { get; } = caller;

    public ulong Value { get; } = value;

    public byte[] Input { get; } = input;

    public CallFrame? Parent { get; } = parent;

    public List<ContractEvent> Events { get; } = [];

    public byte[] ReturnData { get; set; } = [];

    /// <summary>The return data (or revert reason) of the last nested call this frame made.</summary>
    public byte[] LastCallData { get; set; } = [];

    /// <summary>Writes in first-write order: applying them in this order is deterministic.</summary>
    public IEnumerable<(byte[] Key, byte[]? Value)> Writes => _order.Select(k => (k, _writes[k]));

    public bool TryRead(byte[] key, out byte[]? value)
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (frame._writes.TryGetValue(key, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Write(byte[] key, byte[]? value)
    {
        if (_writes.TryAdd(key, value))
        {
            _order.Add(key);
        }
        else
        {
            _writes[key] = value;
        }
    }

    public void CommitTo(CallFrame parent)
    {
        foreach (var (key, value) in Writes)
        {
            parent.Write(key, value);
        }

        parent.Events.AddRange(Events);
    }
}
