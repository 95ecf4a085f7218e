using System.CommandLine;
using System.Text;
using Chain.Client;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Cli;

/// <summary>
/// <c>chain deploy</c> and <c>chain call</c>: sign and send a contract transaction with the same options as
/// <c>transfer</c> (<c>--wait</c> shows the receipt: status, message, gas used, fee, return data, events).
/// </summary>
internal static class ContractCommands
{
    public const ulong DefaultDeployGas = 10_000_000;
    public const ulong DefaultCallGas = 2_000_000;

    public static Command Deploy(CliContext context)
    {
        var wasm = new Option<string>("--wasm") { Description = "The contract module: a WebAssembly binary (.wasm).", HelpName = "FILE", Required = true };
        var args = InitArgs("Arguments for the contract's init, as JSON (sent as UTF-8 bytes).");
        var admin = new Option<string?>("--admin") { Description = "An address allowed to upgrade the contract's code later. Default: none (the code can never change).", HelpName = "ADDR" };
        var gas = Gas(DefaultDeployGas);
        var sending = new TransactionOptions();
        var command = sending.AddTo(new Command(
            "deploy",
            "Deploy a WebAssembly contract and run its init; the new contract's address is derived from the key and nonce.")
        {
            wasm, args, admin, gas,
        });
        context.Examples(
            command,
            "chain deploy --key alice.key --wasm contracts/build/token.wasm --args '{\"name\":\"Example\",\"symbol\":\"EXM\",\"supply\":\"1000000\"}' --wait",
            "chain deploy --key alice.key --wasm counter.wasm --admin chain1… --gas 2000000 --wait");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            using var sender = sending.ReadKey(run);
            var code = ReadModule(run.Get(wasm)!);
            var adminAddress = run.Get(admin) is { } text ? Inputs.Address(text, "--admin") : (Address?)null;
            var payload = new Deploy(code, ArgsBytes(run.Get(args), "--args"), adminAddress, GasLimit(run, gas, DefaultDeployGas));
            return await sending.SendAsync(run, sender, payload, "the deploy", ct);
        }));
        return command;
    }

    public static Command Call(CliContext context)
    {
        var contract = ContractOption();
        var method = MethodOption();
        var args = InitArgs("The method's arguments, as JSON (sent as UTF-8 bytes).");
        var value = new Option<ulong>("--value") { Description = "Native units to attach to the call (credited to the contract before it runs).", HelpName = "N" };
        var gas = Gas(DefaultCallGas);
        var sending = new TransactionOptions();
        var command = sending.AddTo(new Command(
            "call",
            "Call a contract method in a transaction; with --wait, show its receipt (status, message, gas, return data, events).")
        {
            contract, method, args, value, gas,
        });
        context.Examples(
            command,
            "chain call --key alice.key --contract chain1… --method transfer --args '{\"to\":\"chain1…\",\"amount\":\"10\"}' --wait",
            "chain call --key alice.key --contract chain1… --method deposit --value 500 --gas 500000 --wait");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            using var sender = sending.ReadKey(run);
            var payload = new Call(
                Inputs.Address(run.Get(contract), "--contract"),
                Method(run.Get(method)),
                ArgsBytes(run.Get(args), "--args"),
                run.Get(value),
                GasLimit(run, gas, DefaultCallGas));
            return await sending.SendAsync(run, sender, payload, $"the call of {payload.Method}", ct);
        }));
        return command;
    }

    public static Option<string> ContractOption() =>
        new("--contract", "-c") { Description = "The contract's address (chain1…).", HelpName = "ADDR", Required = true };

    public static Option<string> MethodOption() =>
        new("--method", "-m") { Description = "The exported method to run.", HelpName = "NAME", Required = true };

    public static Option<string?> InitArgs(string description) => new("--args") { Description = description + " Default: none.", HelpName = "JSON" };

    /// <summary>The method name, checked as the chain checks it.</summary>
    public static string Method(string? name) =>
        name is not null && ContractLimits.IsCallableMethod(name)
            ? name
            : throw Inputs.Invalid($"--method '{name}' cannot be called: a method is 1 to {ContractLimits.MaxMethodLength} of [A-Za-z0-9_], not 'init', not starting with '__'");

    /// <summary>--args as bytes: UTF-8 of the text, which must be JSON (the SDK's contracts read one JSON object).</summary>
    public static byte[] ArgsBytes(string? json, string what)
    {
        if (json is null)
        {
            return [];
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        if (ContractView.AsJson(bytes) is null)
        {
            throw Inputs.Invalid($"{what} is not valid JSON: {json}. Quote it for the shell, e.g. --args '{{\"to\":\"chain1…\",\"amount\":\"10\"}}'");
        }

        return bytes.Length <= ContractLimits.MaxArgsBytes
            ? bytes
            : throw Inputs.Invalid($"{what} is {bytes.Length} bytes; the limit is {ContractLimits.MaxArgsBytes}");
    }

    private static Option<ulong?> Gas(ulong fallback) => new("--gas")
    {
        Description = $"The gas limit (1 to {ContractLimits.MaxGasLimit}; default {fallback}). The fee covers it (1 unit per {ContractLimits.GasPerFeeUnit} gas, plus the minimum fee); unused gas is refunded.",
        HelpName = "N",
    };

    private static ulong GasLimit(Invocation run, Option<ulong?> gas, ulong fallback)
    {
        var limit = run.Get(gas) ?? fallback;
        return limit is >= 1 and <= ContractLimits.MaxGasLimit
            ? limit
            : throw Inputs.Invalid($"--gas {limit} is out of range: 1 to {ContractLimits.MaxGasLimit}");
    }

    private static byte[] ReadModule(string path)
    {
        byte[] code;
        try
        {
            code = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Inputs.Invalid($"cannot read --wasm {path}: {e.Message}");
        }

        var problem = WasmModuleCheck.Problem(code);
        return problem is null ? code : throw Inputs.Invalid($"--wasm {path}: {problem}");
    }
}
