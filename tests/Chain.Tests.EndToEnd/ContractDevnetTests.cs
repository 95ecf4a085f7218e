using System.Text.Json;

namespace Chain.Tests.EndToEnd;

/// <summary>
/// Contracts on the devnet as a user meets them: the real silo process and the real CLI deploy the token example,
/// move tokens, query balances and list events; a contract written by hand in WAT against docs/contracts.md runs
/// too; and an infinite loop ends in its typed reason while the node keeps serving.
/// </summary>
public sealed class ContractDevnetTests() : TempDataDirectory("chain-e2e-contracts")
{
    /// <summary>A counter in raw WAT against the host ABI: storage under key "n", a read, a write, and return data.</summary>
    private const string CounterWat = """
        (module
          (import "env" "storage_read" (func $read (param i32 i32 i32 i32) (result i32)))
          (import "env" "storage_write" (func $write (param i32 i32 i32 i32)))
          (import "env" "set_return" (func $return (param i32 i32)))
          (import "env" "emit_event" (func $emit (param i32 i32 i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "n")
          (data (i32.const 32) "bumped")
          (func $load (drop (call $read (i32.const 0) (i32.const 1) (i32.const 16) (i32.const 8))))
          (func (export "increment")
            (call $load)
            (i64.store (i32.const 16) (i64.add (i64.load (i32.const 16)) (i64.const 1)))
            (call $write (i32.const 0) (i32.const 1) (i32.const 16) (i32.const 8))
            (call $emit (i32.const 32) (i32.const 6) (i32.const 16) (i32.const 8)))
          (func (export "get") (call $load) (call $return (i32.const 16) (i32.const 8)))
          (func (export "spin") (loop $forever (br $forever))))
        """;

    [Fact]
    public async Task The_CLI_deploys_the_token_moves_and_queries_balances_lists_transfers_and_runs_a_WAT_contract()
    {
        await using var silo = await SiloProcess.StartAsync(DataDir);
        var cli = new ChainCli(silo.Gateway);
        var faucet = Path.Combine(DataDir, "keys", "faucet.json");
        var owner = Address(faucet);
        var alice = (await cli.JsonAsync("keys", "new", "--out", Path.Combine(DataDir, "alice.json"))).GetProperty("address").GetString()!;

        var deployed = await cli.JsonAsync(
            "deploy", "--key", faucet, "--wasm", Path.Combine(RepoPaths.Root, "contracts", "build", "token.wasm"),
            "--args", """{"name":"Example","symbol":"EXM","supply":"1000000"}""", "--wait");
        Assert.Equal("success", deployed.GetProperty("receiptStatus").GetString());
        var token = deployed.GetProperty("result").GetProperty("address").GetString()!;
        Assert.Equal(deployed.GetProperty("address").GetString(), token);

        var moved = await cli.JsonAsync("call", "--key", faucet, "--contract", token, "--method", "transfer", "--args", $$"""{"to":"{{alice}}","amount":"250"}""", "--wait");
        Assert.Equal("success", moved.GetProperty("receiptStatus").GetString());
        Assert.True(moved.GetProperty("result").GetProperty("gasUsed").GetUInt64() > 0);
        Assert.Equal("transfer", moved.GetProperty("result").GetProperty("events")[0].GetProperty("topic").GetString());

        Assert.Equal("250", (await Query(cli, token, "balance_of", $$"""{"owner":"{{alice}}"}""")).GetProperty("balance").GetString());
        Assert.Equal("999750", (await Query(cli, token, "balance_of", $$"""{"owner":"{{owner}}"}""")).GetProperty("balance").GetString());

        var events = (await cli.JsonAsync("events", "--contract", token)).GetProperty("events");
        Assert.Equal(2, events.GetArrayLength());
        Assert.All(events.EnumerateArray(), e => Assert.Equal("transfer", e.GetProperty("topic").GetString()));
        Assert.Equal(alice, events[1].GetProperty("data").GetProperty("to").GetString());
        Assert.Equal("250", events[1].GetProperty("data").GetProperty("amount").GetString());

        // A hand-written WAT contract deploys and runs; its return data is not JSON, so it comes back as hex.
        var wasm = Path.Combine(DataDir, "counter.wasm");
        await File.WriteAllBytesAsync(wasm, Wasmtime.Module.ConvertText(CounterWat), TestContext.Current.CancellationToken);
        var counter = (await cli.JsonAsync("deploy", "--key", faucet, "--wasm", wasm, "--gas", "1000000", "--wait")).GetProperty("result").GetProperty("address").GetString()!;
        await cli.JsonAsync("call", "--key", faucet, "--contract", counter, "--method", "increment", "--wait");
        await cli.JsonAsync("call", "--key", faucet, "--contract", counter, "--method", "increment", "--wait");
        var got = await cli.JsonAsync("query", "--contract", counter, "--method", "get");
        Assert.Equal("0200000000000000", got.GetProperty("returnDataHex").GetString());
        Assert.Equal(2, (await cli.JsonAsync("events", "--contract", counter)).GetProperty("events").GetArrayLength());

        // An infinite loop runs out of gas: a typed reason through the CLI, the fee charged, and the node keeps serving.
        Assert.Equal("out-of-gas", await cli.RefusedAsync("call", "--key", faucet, "--contract", counter, "--method", "spin", "--gas", "200000", "--wait"));
        Assert.Equal("unknown-method", await cli.RefusedAsync("call", "--key", faucet, "--contract", counter, "--method", "nothing", "--wait"));
        await cli.JsonAsync("call", "--key", faucet, "--contract", counter, "--method", "increment", "--wait");
        Assert.Equal("0300000000000000", (await cli.JsonAsync("query", "--contract", counter, "--method", "get")).GetProperty("returnDataHex").GetString());
        var info = await cli.JsonAsync("contract", "--contract", counter);
        Assert.Equal(1U, info.GetProperty("version").GetUInt32());

        // A file that is not a module is refused before anything is sent.
        var notWasm = Path.Combine(DataDir, "not.wasm");
        await File.WriteAllTextAsync(notWasm, "(module)", TestContext.Current.CancellationToken);
        var refused = await cli.RunAsync("deploy", "--key", faucet, "--wasm", notWasm);
        Assert.Equal(2, refused.ExitCode);
    }

    private static async Task<JsonElement> Query(ChainCli cli, string contract, string method, string args)
    {
        var answer = await cli.JsonAsync("query", "--contract", contract, "--method", method, "--args", args);
        Assert.Equal("success", answer.GetProperty("status").GetString());
        return answer.GetProperty("returnData");
    }

    private static string Address(string keyFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(keyFile));
        return doc.RootElement.GetProperty("address").GetString()!;
    }
}
