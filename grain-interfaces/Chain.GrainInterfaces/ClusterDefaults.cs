namespace Chain.GrainInterfaces;

/// <summary>Defaults shared by the silo and its clients for the embedded devnet.</summary>
public static class ClusterDefaults
{
    public const string ClusterId = "chain-devnet";
    public const string ServiceId = "chain";
    public const int GatewayPort = 30000;
    public const int SiloPort = 11111;

    /// <summary>The only shard until sharding lands.</summary>
    public const long ShardZero = 0;
}
