using System.Text.Json.Nodes;
using Chain.Protocol.Encoding;
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
            ["description"] = "A genesis document, its encoding and hash (the previous hash of block 1, see blocks.json), docs/protocol.md section 7. 'accountsStateRoot' is the genesis state root: one entry (balance, nonce 0) per genesis account with a positive balance.",
            ["document"] = new JsonObject
            {
                ["chainId"] = genesis.ChainId,
                ["genesisTimeUnixMs"] = Dec(genesis.GenesisTimeUnixMs),
                ["parameters"] = new JsonObject
                {
                    ["minFee"] = Dec(genesis.Parameters.MinFee),
                    ["maxBlockTransactions"] = genesis.Parameters.MaxBlockTransactions,
                },
                ["validators"] = Array(genesis.Validators.Validators, v => new JsonObject { ["publicKey"] = Hex(v.PublicKey.ToArray()), ["power"] = Dec(v.Power) }),
                ["accounts"] = Array(genesis.Accounts, a => new JsonObject { ["address"] = Hex(a.Address.ToArray()), ["bech32m"] = a.Address.ToString(), ["balance"] = Dec(a.Balance) }),
            },
            ["validatorSetEncoding"] = Hex(genesis.Validators.Encode()),
            ["validatorSetHash"] = Hex(genesis.Validators.Hash),
            ["encoding"] = Hex(genesis.Encode()),
            ["hash"] = Hex(genesis.Hash()),
            ["totalSupply"] = Dec(genesis.TotalSupply()),
            ["accountsStateRoot"] = Hex(state.Root),
            ["invalid"] = InvalidList(InvalidGenesisEncodings()),
        };
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
        yield return ("chain id with upper case", (genesis with { ChainId = "Chain-Test" }).Encode());
        yield return ("chain id with an underscore", (genesis with { ChainId = "chain_test" }).Encode());
        yield return ("empty chain id", (genesis with { ChainId = "" }).Encode());
        yield return ("maxBlockTransactions 0", (genesis with { Parameters = genesis.Parameters with { MaxBlockTransactions = 0 } }).Encode());
        yield return ("maxBlockTransactions 10001", (genesis with { Parameters = genesis.Parameters with { MaxBlockTransactions = 10_001 } }).Encode());

        var w = new CanonicalWriter();
        w.WriteAscii(genesis.ChainId);
        w.WriteI64(genesis.GenesisTimeUnixMs);
        w.WriteU64(genesis.Parameters.MinFee);
        w.WriteU32(genesis.Parameters.MaxBlockTransactions);
        w.WriteBytes([0, 0, 0, 0]);
        w.WriteU32(0);
        yield return ("no validators", w.ToArray());
    }
}
