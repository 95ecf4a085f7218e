using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

public sealed partial class TestVectorTests
{
    [Fact]
    public void Genesis_vector_encodes_and_hashes_as_recorded()
    {
        var file = Load("genesis.json");
        var d = file["document"]!;
        var validators = new ValidatorSet(Items(d["validators"]).Select(x => new Validator(new PublicKey(Bytes(x["publicKey"])), U64(x["power"]))));
        var accounts = Items(d["accounts"]).Select(a => new GenesisAccount(new Address(Bytes(a["address"])), U64(a["balance"]))).ToArray();
        Assert.All(Items(d["accounts"]), a => Assert.Equal((string)a["bech32m"]!, new Address(Bytes(a["address"])).ToString()));
        var parameters = d["parameters"]!;
        var s = parameters["staking"]!;
        var staking = new StakingParameters(
            U64(s["epochLength"]),
            U64(s["unbondingPeriod"]),
            (uint)s["maxValidators"]!,
            U64(s["minSelfBond"]),
            U64(s["blockReward"]),
            (uint)s["proposerRewardBps"]!,
            (uint)s["doubleSignSlashBps"]!,
            (uint)s["downtimeWindow"]!,
            (uint)s["maxMissedBlocks"]!,
            U64(s["downtimeJailBlocks"]),
            (uint)s["downtimeSlashBps"]!);
        var genesis = new GenesisDocument(
            (string)d["chainId"]!,
            I64(d["genesisTimeUnixMs"]),
            new ChainParameters(U64(parameters["minFee"]), (uint)parameters["maxBlockTransactions"]!)
            {
                Staking = staking,
                ShardCount = (ushort)parameters["shardCount"]!,
                ReceiptTimeoutHeights = U64(parameters["receiptTimeoutHeights"]),
            },
            validators,
            accounts);
        var stakingWriter = new CanonicalWriter();
        staking.Write(stakingWriter);
        Assert.Equal(Bytes(file["stakingEncoding"]), stakingWriter.ToArray());
        Assert.Equal(StakingParameters.EncodedSize, stakingWriter.Length);

        Assert.Null(genesis.Validate());
        Assert.Equal(Bytes(file["validatorSetEncoding"]), validators.Encode());
        Assert.Equal(Hash(file["validatorSetHash"]), validators.Hash);
        Assert.Equal(Bytes(file["encoding"]), genesis.Encode());
        Assert.Equal(Hash(file["hash"]), genesis.Hash());
        Assert.Equal(U64(file["totalSupply"]), genesis.TotalSupply());
        Assert.Equal(Bytes(file["encoding"]), GenesisDocument.Decode(Bytes(file["encoding"])).Encode());
        Assert.Equal(genesis.Parameters, GenesisDocument.Decode(Bytes(file["encoding"])).Parameters);

        var state = new ReferenceStateTree(accounts.Where(a => a.Balance > 0).Select(a => (StateKeys.Account(a.Address), new AccountState(a.Balance, 0).Encode())));
        Assert.Equal(Hash(file["accountsStateRoot"]), state.Root);
    }

    [Fact]
    public void Block_1_of_the_vectors_links_to_the_genesis_hash()
    {
        var block1 = Items(Load("blocks.json")["headers"]).Single(h => (string)h["name"]! == "block1");
        Assert.Equal(Hash(Load("genesis.json")["hash"]), Hash(block1["previousHash"]));
        Assert.Equal(Hash(Load("genesis.json")["validatorSetHash"]), Hash(block1["validatorSetHash"]));
    }

    [Fact]
    public void Invalid_genesis_encodings_are_rejected_by_the_decoder()
    {
        var vectors = Items(Load("genesis.json")["invalid"]).ToArray();
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            var bytes = Bytes(v["encoding"]);
            Assert.Throws<DecodeException>(() => GenesisDocument.Decode(bytes));
        }

        Assert.Contains(vectors, v => ((string)v["description"]!).StartsWith("staking ", StringComparison.Ordinal));
        Assert.Contains(vectors, v => ((string)v["description"]!).StartsWith("shardCount ", StringComparison.Ordinal));
    }
}
