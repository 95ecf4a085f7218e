using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json.Nodes;
using Chain.Client;

namespace Chain.Cli;

/// <summary>The <c>chain</c> command line, callable in-process: tests pass their own writers and read the exit code.</summary>
public static class Cli
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default) =>
        RunAsync(args, stdout, stderr, (gateway, token) => ChainClient.ConnectAsync(gateway, token), ct);

    /// <summary>As above, reaching the node through <paramref name="connect"/> (tests pass a client over fake grains).</summary>
    internal static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, Func<string, CancellationToken, Task<ChainClient>> connect, CancellationToken ct = default)
    {
        var context = new CliContext(stdout, stderr, connect);
        var root = new RootCommand(
            "chain: keys, transfers, staking, contracts, balances with proofs, blocks and validators of a Chain node.\n"
            + $"Every command takes --gateway HOST:PORT (default {CliContext.DefaultGateway}, or ${CliContext.GatewayVariable}) and --json.\n"
            + "Exit codes: 0 ok, 1 the chain refused the transaction, 2 bad usage or input, 3 cannot reach the node,\n"
            + "4 verification failed, 5 not found, 6 timed out waiting for finality.")
        {
            context.Gateway,
            context.Json,
            KeysCommands.Create(context),
            TransferCommand.Create(context),
            TxCommands.Create(context),
            BalanceCommand.Create(context),
            BlockCommand.Create(context),
            ValidatorsCommand.Create(context),
            StakeCommands.Create(context),
            StatusCommand.Create(context),
            ShardsCommand.Create(context),
            ContractCommands.Deploy(context),
            ContractCommands.Call(context),
            ContractQueryCommands.Query(context),
            ContractQueryCommands.Events(context),
            ContractQueryCommands.Info(context),
            BenchCommand.Create(context),
        };

        context.Examples(
            root,
            "chain keys new --out alice.key",
            "chain balance chain1… --prove --genesis genesis.json",
            "chain transfer --key alice.key --to chain1… --amount 100 --wait");
        context.AddExamplesToHelp(root);

        // No response files: "@FILE" is an argument of `tx send-raw`, not a file of more arguments.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is ParseErrorAction)
        {
            var message = string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')));
            var command = string.Join(' ', parse.CommandResult.Command.Parents.OfType<Command>().Reverse().Append(parse.CommandResult.Command).Select(c => c.Name));
            return ExitCodes.Report(
                context.Out,
                context.Error,
                parse.GetValue(context.Json),
                new CliFailure(ExitCodes.Usage, "usage", $"{message}. Run `{command} --help` for usage."));
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false },
            ct);
    }

    /// <summary>Writes one JSON object on a line of its own (indented, camelCase keys).</summary>
    internal static void WriteJson(TextWriter writer, JsonObject json) =>
        writer.WriteLine(json.ToJsonString(CliContext.JsonOptions));
}
