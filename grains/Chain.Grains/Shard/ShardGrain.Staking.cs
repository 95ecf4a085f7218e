using Chain.Core.Staking;
using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;

namespace Chain.Grains.Shard;

/// <summary>Staking queries: read from the committed state at the latest finalized height.</summary>
public sealed partial class ShardGrain
{
    private const int MaxSetChanges = 1000;

    public Task<ValidatorsResult> GetValidatorsAsync()
    {
        var active = StakingQueries.ActiveSet(ledger.State);
        var latest = State.Height == 0 ? null : ledger.Blocks.GetByHeight(State.Height);
        var candidates = StakingQueries.Validators(ledger.State)
            .Select(v => new ValidatorInfo(v.Address.ToArray(), v.PublicKey.ToArray(), v.Tokens, v.Power, v.Status, v.JailedUntil, v.MissedBlocks))
            .ToArray();
        var epoch = genesis.Parameters.Staking.EpochLength;
        return Task.FromResult(new ValidatorsResult(
            State.Height,
            active.Encode(),
            latest?.Header.Encode(),
            latest?.Certificate.Encode(),
            candidates,
            epoch,
            ((State.Height / epoch) + 1) * epoch));
    }

    public Task<ValidatorSetChange[]> GetValidatorSetChangesAsync(ulong afterHeight, int max)
    {
        var changes = new List<ValidatorSetChange>();
        foreach (var height in ledger.ValidatorSets.ChangesAfter(afterHeight, Math.Clamp(max, 0, MaxSetChanges)))
        {
            var block = ledger.Blocks.GetByHeight(height) ?? throw new InvalidOperationException($"block {height} is missing from the block store");
            var next = ledger.ValidatorSets.GetEncoded(block.Header.NextValidatorSetHash)
                ?? throw new InvalidOperationException($"validator set {block.Header.NextValidatorSetHash} is missing");
            changes.Add(new ValidatorSetChange(block.Header.Encode(), block.Certificate.Encode(), next));
        }

        return Task.FromResult(changes.ToArray());
    }

    public Task<byte[]?> GetValidatorSetAsync(byte[] validatorSetHash) =>
        Task.FromResult(validatorSetHash.Length == Hash32.Size ? ledger.ValidatorSets.GetEncoded(new Hash32(validatorSetHash)) : null);

    public Task<StakeInfo[]> GetStakeAsync(byte[] delegator)
    {
        if (delegator.Length != Address.Size)
        {
            throw new ArgumentException($"an address is {Address.Size} bytes", nameof(delegator));
        }

        return Task.FromResult(StakingQueries.Stakes(ledger.State, new Address(delegator))
            .Select(s => new StakeInfo(s.Validator.ToArray(), s.Tokens, [.. s.Unbonding.Select(u => new UnbondingInfo(u.Tokens, u.CompletionHeight))]))
            .ToArray());
    }
}
