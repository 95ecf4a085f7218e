using System.Text.Json.Nodes;
using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Encoding;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    private static JsonObject Genesis()
    {
        var genesis = VectorFixtures.Genesis();
        var state = new ReferenceStateTree(genesis.Accounts.Where(a => a.Balance > 0).Select(a => (StateKeys.Account(a.Address), new AccountState(a.Balance, 0).Encode())));
        return new JsonObject
        {
            ["description"] = "A genesis document with its sharding and staking parameters, its encoding and hash (the previous hash of block 1, see blocks.json), docs/protocol.md section 7. 'totalSupply' is the balances plus the validators' initial self-bonds (their powers). 'accountsStateRoot' is the root of the genesis accounts alone: one entry (balance, nonce 0) per genesis account with a positive balance; the staking state that Chain.Core adds at genesis is not part of it.",
            ["document"] = new JsonObject
            {
                ["chainId"] = genesis.ChainId,
                ["genesisTimeUnixMs"] = Dec(genesis.GenesisTimeUnixMs),
                ["parameters"] = new JsonObject
                {
                    ["minFee"] = Dec(genesis.Parameters.MinFee),
                    ["maxBlockTransactions"] = genesis.Parameters.MaxBlockTransactions,
                    ["shardCount"] = genesis.Parameters.ShardCount,
                    ["receiptTimeoutHeights"] = Dec(genesis.Parameters.ReceiptTimeoutHeights),
                    ["staking"] = StakingVector(genesis.Parameters.Staking),
                },
                ["validators"] = Array(genesis.Validators.Validators, v => new JsonObject { ["publicKey"] = Hex(v.PublicKey.ToArray()), ["power"] = Dec(v.Power) }),
                ["accounts"] = Array(genesis.Accounts, a => new JsonObject { ["address"] = Hex(a.Address.ToArray()), ["bech32m"] = a.Address.ToString(), ["balance"] = Dec(a.Balance) }),
            },
            ["validatorSetEncoding"] = Hex(genesis.Validators.Encode()),
            ["validatorSetHash"] = Hex(genesis.Validators.Hash),
            ["stakingEncoding"] = Hex(StakingBytes(genesis.Parameters.Staking)),
            ["encoding"] = Hex(genesis.Encode()),
            ["hash"] = Hex(genesis.Hash()),
            ["totalSupply"] = Dec(genesis.TotalSupply()),
            ["accountsStateRoot"] = Hex(state.Root),
            ["invalid"] = InvalidList(InvalidGenesisEncodings()),
        };
    }

    private static JsonObject StakingVector(StakingParameters p) => new()
    {
        ["epochLength"] = Dec(p.EpochLength),
        ["unbondingPeriod"] = Dec(p.UnbondingPeriod),
        ["maxValidators"] = p.MaxValidators,
        ["minSelfBond"] = Dec(p.MinSelfBond),
        ["blockReward"] = Dec(p.BlockReward),
        ["proposerRewardBps"] = p.ProposerRewardBps,
        ["doubleSignSlashBps"] = p.DoubleSignSlashBps,
        ["downtimeWindow"] = p.DowntimeWindow,
        ["maxMissedBlocks"] = p.MaxMissedBlocks,
        ["downtimeJailBlocks"] = Dec(p.DowntimeJailBlocks),
        ["downtimeSlashBps"] = p.DowntimeSlashBps,
    };

    private static byte[] StakingBytes(StakingParameters p)
    {
        var w = new CanonicalWriter(StakingParameters.EncodedSize);
        p.Write(w);
        return w.ToArray();
    }

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidGenesisEncodings()
    {
        var genesis = VectorFixtures.Genesis();
        var accounts = genesis.Accounts;
        yield return ("one trailing byte", [.. genesis.Encode(), 0x00]);
        yield return ("last byte missing", genesis.Encode()[..^1]);
        yield return ("accounts in descending order", (genesis with { Accounts = [.. accounts.Reverse()] }).Encode());
        yield return ("the same account twice", (genesis with { Accounts = [accounts[0], accounts[0]] }).Encode());
        yield return ("balances overflow u64", (genesis with { Accounts = [.. accounts.Select((a, i) => i == 0 ? a with { Balance = ulong.MaxValue } : a)] }).Encode());
        var others = accounts.Skip(1).Aggregate(0UL, (sum, a) => sum + a.Balance);
        var nearlyAll = ulong.MaxValue - others - (genesis.Validators.TotalPower / 2);
        yield return ("balances fit u64, with the validators' power they overflow", (genesis with { Accounts = [.. accounts.Select((a, i) => i == 0 ? a with { Balance = nearlyAll } : a)] }).Encode());
        yield return ("chain id with upper case", (genesis with { ChainId = "Chain-Test" }).Encode());
        yield return ("chain id with an underscore", (genesis with { ChainId = "chain_test" }).Encode());
        yield return ("empty chain id", (genesis with { ChainId = "" }).Encode());
        yield return ("maxBlockTransactions 0", (genesis with { Parameters = genesis.Parameters with { MaxBlockTransactions = 0 } }).Encode());
        yield return ("maxBlockTransactions 10001", (genesis with { Parameters = genesis.Parameters with { MaxBlockTransactions = 10_001 } }).Encode());
        yield return ("shardCount 0", (genesis with { Parameters = genesis.Parameters with { ShardCount = 0 } }).Encode());
        yield return ($"shardCount {ProtocolLimits.MaxShards + 1}", (genesis with { Parameters = genesis.Parameters with { ShardCount = ProtocolLimits.MaxShards + 1 } }).Encode());
        yield return ("receiptTimeoutHeights 0", (genesis with { Parameters = genesis.Parameters with { ReceiptTimeoutHeights = 0 } }).Encode());

        var staking = genesis.Parameters.Staking;
        (string, StakingParameters)[] badStaking =
        [
            ("epochLength 0", staking with { EpochLength = 0 }),
            ("unbondingPeriod 0", staking with { UnbondingPeriod = 0 }),
            ("downtimeWindow 0", staking with { DowntimeWindow = 0, MaxMissedBlocks = 0 }),
            ($"downtimeWindow {StakingParameters.MaxDowntimeWindow + 1}", staking with { DowntimeWindow = StakingParameters.MaxDowntimeWindow + 1 }),
            ("maxValidators 0", staking with { MaxValidators = 0 }),
            ("maxValidators 1025", staking with { MaxValidators = 1_025 }),
            ("maxMissedBlocks 0", staking with { MaxMissedBlocks = 0 }),
            ("maxMissedBlocks above downtimeWindow", staking with { MaxMissedBlocks = staking.DowntimeWindow + 1 }),
            ("proposerRewardBps 10001", staking with { ProposerRewardBps = 10_001 }),
            ("doubleSignSlashBps 10001", staking with { DoubleSignSlashBps = 10_001 }),
            ("downtimeSlashBps 10001", staking with { DowntimeSlashBps = 10_001 }),
        ];
        foreach (var (description, parameters) in badStaking)
        {
            yield return ($"staking {description}", (genesis with { Parameters = genesis.Parameters with { Staking = parameters } }).Encode());
        }

        var twoValidators = new ValidatorSet([new Validator(VectorFixtures.PublicKeyOf(1), 100), new Validator(VectorFixtures.PublicKeyOf(2), 100)]);
        yield return ("two validators, staking maxValidators 1", (genesis with
        {
            Validators = twoValidators,
            Parameters = genesis.Parameters with { Staking = staking with { MaxValidators = 1 } },
        }).Encode());

        var w = new CanonicalWriter();
        w.WriteAscii(genesis.ChainId);
        w.WriteI64(genesis.GenesisTimeUnixMs);
        w.WriteU64(genesis.Parameters.MinFee);
        w.WriteU32(genesis.Parameters.MaxBlockTransactions);
        w.WriteU16(genesis.Parameters.ShardCount);
        w.WriteU64(genesis.Parameters.ReceiptTimeoutHeights);
        staking.Write(w);
        w.WriteBytes([0, 0, 0, 0]);
        w.WriteU32(0);
        yield return ("no validators", w.ToArray());
    }
}
