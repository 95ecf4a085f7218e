using System.Text.Json;
using System.Text.Json.Serialization;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;

namespace Chain.Protocol.Files;

/// <summary>
/// The human-editable JSON form of a <see cref="GenesisDocument"/>. The chain itself only ever hashes
/// the canonical binary encoding; JSON is for people. <c>parameters.staking</c> and each of its fields
/// are optional: a missing field takes its value from <see cref="StakingParameters.Default"/>; so are
/// <c>parameters.shardCount</c> (1) and <c>parameters.receiptTimeoutHeights</c> (1000). Each
/// validator's <c>power</c> is its initial self-bond (its stake), held by staking and not by its balance.
/// </summary>
public static class GenesisFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string ToJson(GenesisDocument genesis)
    {
        var json = new GenesisJson(
            genesis.ChainId,
            genesis.GenesisTimeUnixMs,
            new ParametersJson(genesis.Parameters.MinFee, genesis.Parameters.MaxBlockTransactions, StakingJson.From(genesis.Parameters.Staking), genesis.Parameters.ShardCount, genesis.Parameters.ReceiptTimeoutHeights),
            [.. genesis.Validators.Validators.Select(v => new ValidatorJson(v.PublicKey.ToString(), v.Power))],
            [.. genesis.Accounts.Select(a => new AccountJson(a.Address.ToString(), a.Balance))]);
        return JsonSerializer.Serialize(json, Options);
    }

    /// <summary>Parses and validates; throws <see cref="InvalidDataException"/> naming the first problem.</summary>
    public static GenesisDocument FromJson(string text)
    {
        GenesisJson? json;
        try
        {
            json = JsonSerializer.Deserialize<GenesisJson>(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"genesis is not valid JSON: {e.Message}");
        }

        if (json?.ChainId is null || json.Parameters is null || json.Validators is null || json.Accounts is null)
        {
            throw new InvalidDataException("genesis needs chainId, genesisTimeUnixMs, parameters, validators and accounts");
        }

        try
        {
            var validators = new ValidatorSet(json.Validators.Select(v => new Validator(PublicKey.Parse(v.PublicKey), v.Power)));
            var accounts = json.Accounts
                .Select(a => new GenesisAccount(Address.Parse(a.Address), a.Balance))
                .OrderBy(a => a.Address)
                .ToArray();
            var doc = new GenesisDocument(
                json.ChainId,
                json.GenesisTimeUnixMs,
                new ChainParameters(json.Parameters.MinFee, json.Parameters.MaxBlockTransactions)
                {
                    Staking = json.Parameters.Staking?.ToParameters() ?? StakingParameters.Default,
                    ShardCount = json.Parameters.ShardCount ?? ChainParameters.Default.ShardCount,
                    ReceiptTimeoutHeights = json.Parameters.ReceiptTimeoutHeights ?? ChainParameters.Default.ReceiptTimeoutHeights,
                },
                validators,
                accounts);
            var problem = doc.Validate();
            return problem is null ? doc : throw new InvalidDataException($"genesis: {problem}");
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"genesis: {e.Message}");
        }
    }

    public static GenesisDocument Read(string path) => FromJson(File.ReadAllText(path));

    public static void Write(string path, GenesisDocument genesis)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, ToJson(genesis));
        File.Move(temp, path, overwrite: false);
    }

    private sealed record GenesisJson(
        [property: JsonPropertyName("chainId")] string? ChainId,
        [property: JsonPropertyName("genesisTimeUnixMs")] long GenesisTimeUnixMs,
        [property: JsonPropertyName("parameters")] ParametersJson? Parameters,
        [property: JsonPropertyName("validators")] ValidatorJson[]? Validators,
        [property: JsonPropertyName("accounts")] AccountJson[]? Accounts);

    private sealed record ParametersJson(
        [property: JsonPropertyName("minFee")] ulong MinFee,
        [property: JsonPropertyName("maxBlockTransactions")] uint MaxBlockTransactions,
        [property: JsonPropertyName("staking")] StakingJson? Staking,
        [property: JsonPropertyName("shardCount")] ushort? ShardCount = null,
        [property: JsonPropertyName("receiptTimeoutHeights")] ulong? ReceiptTimeoutHeights = null);

    private sealed record StakingJson(
        [property: JsonPropertyName("epochLength")] ulong? EpochLength,
        [property: JsonPropertyName("unbondingPeriod")] ulong? UnbondingPeriod,
        [property: JsonPropertyName("maxValidators")] uint? MaxValidators,
        [property: JsonPropertyName("minSelfBond")] ulong? MinSelfBond,
        [property: JsonPropertyName("blockReward")] ulong? BlockReward,
        [property: JsonPropertyName("proposerRewardBps")] uint? ProposerRewardBps,
        [property: JsonPropertyName("doubleSignSlashBps")] uint? DoubleSignSlashBps,
        [property: JsonPropertyName("downtimeWindow")] uint? DowntimeWindow,
        [property: JsonPropertyName("maxMissedBlocks")] uint? MaxMissedBlocks,
        [property: JsonPropertyName("downtimeJailBlocks")] ulong? DowntimeJailBlocks,
        [property: JsonPropertyName("downtimeSlashBps")] uint? DowntimeSlashBps)
    {
        public static StakingJson From(StakingParameters p) => new(
            p.EpochLength, p.UnbondingPeriod, p.MaxValidators, p.MinSelfBond, p.BlockReward, p.ProposerRewardBps,
            p.DoubleSignSlashBps, p.DowntimeWindow, p.MaxMissedBlocks, p.DowntimeJailBlocks, p.DowntimeSlashBps);

        public StakingParameters ToParameters()
        {
            var d = StakingParameters.Default;
            return new StakingParameters(
                EpochLength ?? d.EpochLength,
                UnbondingPeriod ?? d.UnbondingPeriod,
                MaxValidators ?? d.MaxValidators,
                MinSelfBond ?? d.MinSelfBond,
                BlockReward ?? d.BlockReward,
                ProposerRewardBps ?? d.ProposerRewardBps,
                DoubleSignSlashBps ?? d.DoubleSignSlashBps,
                DowntimeWindow ?? d.DowntimeWindow,
                MaxMissedBlocks ?? d.MaxMissedBlocks,
                DowntimeJailBlocks ?? d.DowntimeJailBlocks,
                DowntimeSlashBps ?? d.DowntimeSlashBps);
        }
    }

    private sealed record ValidatorJson(
        [property: JsonPropertyName("publicKey")] string PublicKey,
        [property: JsonPropertyName("power")] ulong Power);

    private sealed record AccountJson(
        [property: JsonPropertyName("address")] string Address,
        [property: JsonPropertyName("balance")] ulong Balance);
}
