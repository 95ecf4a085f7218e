using Chain.Core.State;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;

namespace Chain.Core.Blocks;

/// <summary>The state a genesis document describes, and the head it starts the chain from.</summary>
public static class GenesisState
{
    public static IReadOnlyList<StateChange> Changes(GenesisDocument genesis) =>
        [.. genesis.Accounts
            .Where(a => a.Balance > 0)
            .Select(a => new StateChange(StateKeys.Account(a.Address), new AccountState(a.Balance, 0).Encode()))
            .OrderBy(c => c.Key, ByteArrayComparer.Instance)];

    public static ChainHead Head(GenesisDocument genesis, Chain.Protocol.Crypto.Hash32 stateRoot) =>
        new(0, genesis.Hash(), genesis.GenesisTimeUnixMs, stateRoot);
}
