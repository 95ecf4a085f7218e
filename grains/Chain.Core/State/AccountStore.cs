using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Core.State;

/// <summary>Typed reads and writes of accounts (<see cref="StateKeys.Account"/>). An empty account is removed, not stored.</summary>
public static class AccountStore
{
    public static AccountState GetAccount(this IStateReader state, Address address)
    {
        var bytes = state.Get(StateKeys.Account(address));
        return bytes is null ? AccountState.Empty : AccountState.Decode(bytes);
    }

    public static void SetAccount(this IStateView state, Address address, AccountState account) =>
        state.Set(StateKeys.Account(address), Encode(account));

    /// <summary>The stored form of an account: null (absent) when it is empty.</summary>
    public static byte[]? Encode(AccountState account) => account == AccountState.Empty ? null : account.Encode();
}
