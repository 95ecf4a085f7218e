using Chain.GrainInterfaces;

namespace Chain.Grains.Shard;

/// <summary>Staking queries. Placeholder until the staking state lands (issue 4 work in progress).</summary>
public sealed partial class ShardGrain
{
    public Task<ValidatorsResult> GetValidatorsAsync() => throw new NotSupportedException("staking queries are not built yet");

    public Task<ValidatorSetChange[]> GetValidatorSetChangesAsync(ulong afterHeight, int max) => throw new NotSupportedException("staking queries are not built yet");

    public Task<byte[]?> GetValidatorSetAsync(byte[] validatorSetHash) => throw new NotSupportedException("staking queries are not built yet");

    public Task<StakeInfo[]> GetStakeAsync(byte[] delegator) => throw new NotSupportedException("staking queries are not built yet");
}
