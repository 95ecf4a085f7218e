using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Chain.Contracts;
using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Bench;

/// <summary>
/// The in-process half of <c>contracts</c>: compile time of each example module on a fresh engine (cold) and from the
/// module cache, and the cost of token calls on a cached module (µs per call, exact gas), checked against the
/// token's own balance before it is reported.
/// </summary>
internal static class ContractHostTiming
{
    public sealed record Compile(string Module, int Bytes, double ColdMs, double CachedUs);

    public sealed record Calls(int Count, double TransferUs, ulong TransferGas, double QueryUs, ulong QueryGas);

    public static string[] Examples { get; } = ["token", "dao", "provenance", "credentials"];

    public static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(RepositoryRoot(), "contracts", "build", name + ".wasm"));

    /// <summary>Cold: a fresh host (engine) per repetition, best of <paramref name="repetitions"/>; cached: the mean of 1000 lookups.</summary>
    public static List<Compile> MeasureCompile(int repetitions)
    {
        var results = new List<Compile>();
        foreach (var name in Examples)
        {
            var code = Example(name);
            var cold = double.MaxValue;
            double cachedUs = 0;
            for (var r = 0; r < repetitions; r++)
            {
                using var host = new WasmContractHost(threads: 1);
                var clock = Stopwatch.StartNew();
                var problem = host.Validate(code);
                cold = Math.Min(cold, clock.Elapsed.TotalMilliseconds);
                if (problem is not null)
                {
                    throw new InvalidOperationException($"{name}.wasm does not validate: {problem}");
                }

                const int Lookups = 1000;
                clock.Restart();
                for (var i = 0; i < Lookups; i++)
                {
                    host.Validate(code);
                }

                cachedUs = clock.Elapsed.TotalMicroseconds / Lookups;
            }

            results.Add(new Compile(name, code.Length, cold, cachedUs));
        }

        return results;
    }

    /// <summary>Token transfers executed one after another on one state (the module cached after the deploy), then balance queries.</summary>
    public static Calls MeasureCalls(int count)
    {
        using var host = new WasmContractHost(threads: 1);
        using var owner = KeyPair.Generate();
        using var other = KeyPair.Generate();
        var state = new StateOverlay(new NothingCommitted());
        var context = new BlockContext("bench", 1, 1_700_000_000_000, owner.Address, ChainParameters.Default) { Contracts = host };
        var deploy = host.Execute(state, context, new ContractInvocation(owner.Address, 0, new Deploy(Example("token"), Encoding.UTF8.GetBytes("""{"name":"Bench","symbol":"B","supply":"1000000000"}"""), null, 50_000_000)));
        if (!deploy.Succeeded)
        {
            throw new InvalidOperationException($"token deploy: {deploy.Status} {deploy.Message}");
        }

        var token = ContractRecord.DeriveAddress(owner.Address, 0);
        var transfer = new Call(token, "transfer", Encoding.UTF8.GetBytes($$"""{"to":"{{other.Address}}","amount":"1"}"""), 0, 1_000_000);
        ulong gas = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var result = host.Execute(state, context, new ContractInvocation(owner.Address, (ulong)i + 1, transfer));
            // The first transfer creates the recipient's balance entry; from the second on the work, and so the gas, is the same.
            if (!result.Succeeded || (i > 1 && result.GasUsed != gas))
            {
                throw new InvalidOperationException($"transfer {i}: {result.Status} {result.Message}, gas {result.GasUsed} (earlier {gas})");
            }

            gas = result.GasUsed;
        }

        var transferUs = clock.Elapsed.TotalMicroseconds / count;
        var balanceOf = new ContractQuery(token, "balance_of", Encoding.UTF8.GetBytes($$"""{"owner":"{{other.Address}}"}"""), 1_000_000);
        ContractResult? answer = null;
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            answer = host.Query(state, context, balanceOf);
        }

        var queryUs = clock.Elapsed.TotalMicroseconds / count;
        var balance = JsonDocument.Parse(answer!.ReturnData).RootElement.GetProperty("balance").GetString();
        if (balance != count.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"after {count} transfers of 1 the recipient holds {balance}");
        }

        return new Calls(count, transferUs, gas, queryUs, answer.GasUsed);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Chain.sln not found above the tool's directory");
    }

    private sealed class NothingCommitted : IStateReader
    {
        public byte[]? Get(byte[] key) => null;
    }
}
