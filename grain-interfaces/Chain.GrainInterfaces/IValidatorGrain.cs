using Orleans.Concurrency;

namespace Chain.GrainInterfaces;

/// <summary>
/// One validator (key: its bech32 address). It lives only on a silo that holds its signing key (placement
/// by silo metadata), keeps its own replica of the state, re-executes every proposal before voting, and
/// persists what it last signed before it signs. Validators talk to each other with one-way calls of
/// canonical <c>ConsensusMessage</c> bytes; a bad message is dropped at bounded cost.
/// </summary>
[Alias("chain.IValidatorGrain")]
public interface IValidatorGrain : IGrainWithStringKey
{
    /// <summary>Activates the validator and starts its consensus loop; idempotent.</summary>
    [Alias("Start")]
    Task StartAsync();

    /// <summary>A consensus message from a peer. One-way: the sender never waits, so peers cannot deadlock.</summary>
    [OneWay]
    [Alias("Deliver")]
    Task DeliverAsync(Immutable<byte[]> message);

    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<ValidatorStatus> GetStatusAsync();
}
