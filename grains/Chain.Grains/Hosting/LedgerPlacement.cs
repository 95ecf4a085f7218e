using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Chain.Grains.Hosting;

/// <summary>
/// Places chain grains on the silos that hold what they need: a validator grain (key: its address) only on
/// a silo whose metadata lists that validator's key (<see cref="ValidatorsKey"/>), and a ledger grain only on
/// a silo that holds the ledger (<see cref="LedgerKey"/>). If no such silo is up, activation fails: a
/// validator whose silo is down is simply offline, never re-created elsewhere without its key.
/// Placement is not a security boundary (one cluster is one trust boundary); it keeps keys and data local.
/// </summary>
public sealed class ChainPlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    public const string ValidatorsKey = "chain.validators";
    public const string LedgerKey = "chain.ledger";

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (strategy is ShardLanePlacementStrategy)
        {
            return Task.FromResult(LaneSilo(silos, target.GrainIdentity.GetIntegerKey()));
        }

        var matching = strategy switch
        {
            ValidatorPlacementStrategy => silos.Where(s => HostsValidator(s, target.GrainIdentity.Key.ToString() ?? string.Empty)).ToArray(),
            _ => silos.Where(s => metadata.GetSiloMetadata(s).Metadata.GetValueOrDefault(LedgerKey) == "true").ToArray(),
        };
        if (matching.Length == 0)
        {
            throw new OrleansException($"no active silo hosts {target.GrainIdentity}: start the silo that holds its {(strategy is ValidatorPlacementStrategy ? "validator key" : "ledger")}");
        }

        // Prefer the caller's silo when it qualifies; otherwise the lowest address, so placement is stable.
        return Task.FromResult(matching.Contains(context.LocalSilo) ? context.LocalSilo : matching.Min()!);
    }

    /// <summary>
    /// Lane <c>k</c> goes to the <c>k</c>-th of the compatible silos in address order, wrapping around: the lanes spread evenly,
    /// every silo that places one computes the same silo, and when a silo leaves, its lanes move to the ones that remain.
    /// </summary>
    public static SiloAddress LaneSilo(IReadOnlyList<SiloAddress> silos, long shard)
    {
        if (silos.Count == 0)
        {
            throw new OrleansException($"no active silo can host the lane of shard {shard}");
        }

        var ordered = silos.OrderBy(s => s).ToArray();
        return ordered[(int)(shard % ordered.Length)];
    }

    private bool HostsValidator(SiloAddress silo, string address) =>
        metadata.GetSiloMetadata(silo).Metadata.GetValueOrDefault(ValidatorsKey) is { } list &&
        list.Split(',').Contains(address, StringComparer.Ordinal);
}

/// <summary>Place on a silo that holds the validator's key.</summary>
[GenerateSerializer, Immutable, Alias("chain.ValidatorPlacement")]
public sealed class ValidatorPlacementStrategy : PlacementStrategy;

/// <summary>Place on a silo that holds the ledger.</summary>
[GenerateSerializer, Immutable, Alias("chain.LedgerPlacement")]
public sealed class LedgerPlacementStrategy : PlacementStrategy;

/// <summary>Spread shard lanes over the silos (<see cref="ChainPlacementDirector.LaneSilo"/>).</summary>
[GenerateSerializer, Immutable, Alias("chain.ShardLanePlacement")]
public sealed class ShardLanePlacementStrategy : PlacementStrategy;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardLanePlacementAttribute() : PlacementAttribute(new ShardLanePlacementStrategy());

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ValidatorPlacementAttribute() : PlacementAttribute(new ValidatorPlacementStrategy());

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class LedgerPlacementAttribute() : PlacementAttribute(new LedgerPlacementStrategy());
