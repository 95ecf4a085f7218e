using Chain.Protocol.Crypto;

namespace Chain.Core.State;

/// <summary>
/// Pending writes over committed state during one block's execution. <see cref="Changes"/> returns the
/// write set sorted by key, so its order never depends on hashing or insertion order.
/// </summary>
public sealed class StateOverlay(IStateReader committed) : IStateView
{
    private readonly Dictionary<byte[], byte[]?> _writes = new(ByteArrayComparer.Instance);

    public byte[]? Get(byte[] key) => _writes.TryGetValue(key, out var value) ? value : committed.Get(key);

    public void Set(byte[] key, byte[]? value) => _writes[key] = value;

    public void CreditFee(Address proposer, ulong fee)
    {
        var account = this.GetAccount(proposer);
        this.SetAccount(proposer, account with { Balance = checked(account.Balance + fee) });
    }

    public IReadOnlyList<StateChange> Changes() =>
        [.. _writes.OrderBy(w => w.Key, ByteArrayComparer.Instance).Select(w => new StateChange(w.Key, w.Value))];
}
