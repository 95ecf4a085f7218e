using Chain.Core.Staking;
using Chain.Core.State;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;

namespace Chain.Core.Blocks;

/// <summary>
/// The state a genesis document describes, and the head it starts the chain from. Besides one account
/// entry per positive balance, each genesis validator gets a validator record holding its power as tokens,
/// self-delegated (shares = power), a clear downtime window and a delegator index naming itself; the
/// registry lists them all, the active set is the genesis set, there is no previous set, and the supply
/// record is <see cref="GenesisDocument.TotalSupply"/> with nothing minted or burned.
/// </summary>
public static class GenesisState
{
    public static IReadOnlyList<StateChange> Changes(GenesisDocument genesis)
    {
        var changes = genesis.Accounts
            .Where(a => a.Balance > 0)
            .Select(a => new StateChange(StateKeys.Account(a.Address), new AccountState(a.Balance, 0).Encode()))
            .ToList();
        var window = genesis.Parameters.Staking.DowntimeWindow;
        foreach (var v in genesis.Validators.Validators)
        {
            var address = v.Address;
            var record = ValidatorRecord.Create(v.PublicKey).WithFreshWindow(window) with { Tokens = v.Power, TotalShares = v.Power };
            changes.Add(new StateChange(StakingKeys.Validator(address), record.Encode()));
            changes.Add(new StateChange(StakingKeys.Delegation(address, address), StakingStore.EncodeU64(v.Power)));
            changes.Add(new StateChange(StakingKeys.DelegatorIndex(address), AddressList.Of([address]).Encode()));
        }

        changes.Add(new StateChange(StakingKeys.Registry, AddressList.Of(genesis.Validators.Validators.Select(v => v.Address)).Encode()));
        changes.Add(new StateChange(StakingKeys.ActiveSet, genesis.Validators.Encode()));
        changes.Add(new StateChange(StakingKeys.Supply, new SupplyRecord(genesis.TotalSupply(), 0, 0).Encode()));
        return [.. changes.OrderBy(c => c.Key, ByteArrayComparer.Instance)];
    }

    public static ChainHead Head(GenesisDocument genesis, Chain.Protocol.Crypto.Hash32 stateRoot) =>
        new(0, genesis.Hash(), genesis.GenesisTimeUnixMs, stateRoot);
}
