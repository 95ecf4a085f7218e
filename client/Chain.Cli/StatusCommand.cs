using System.CommandLine;
using System.Text.Json.Nodes;

namespace Chain.Cli;

/// <summary><c>chain status</c>: where the chain stands, as the node sees it.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "status",
            "Show the chain id, genesis hash, latest height, hash, state root and time, pending transactions and validators.");
        context.Examples(command, "chain status", "CHAIN_GATEWAY=10.0.0.5:30000 chain status --json");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            await using var client = await run.ConnectAsync(ct);
            var status = await client.GetStatusAsync();
            var json = new JsonObject
            {
                ["chainId"] = status.ChainId,
                ["genesisHash"] = Display.Hex(status.GenesisHash),
                ["height"] = status.Height,
                ["latestBlockHash"] = Display.Hex(status.LatestBlockHash),
                ["stateRoot"] = Display.Hex(status.StateRoot),
                ["latestBlockTimeUnixMs"] = status.LatestBlockTimeUnixMs,
                ["latestBlockTime"] = Display.Time(status.LatestBlockTimeUnixMs),
                ["pendingTransactions"] = status.PendingTransactions,
                ["validators"] = status.ValidatorCount,
                ["nodeVersion"] = status.NodeVersion,
                ["gateway"] = run.Gateway,
            };
            run.Emit(json, w =>
            {
                w.WriteLine($"chain id:      {status.ChainId}");
                w.WriteLine($"genesis hash:  {Display.Hex(status.GenesisHash)}");
                w.WriteLine($"height:        {status.Height}");
                w.WriteLine($"latest hash:   {Display.Hex(status.LatestBlockHash)}");
                w.WriteLine($"state root:    {Display.Hex(status.StateRoot)}");
                w.WriteLine($"time:          {Display.Time(status.LatestBlockTimeUnixMs)}");
                w.WriteLine($"pending txs:   {status.PendingTransactions}");
                w.WriteLine($"validators:    {status.ValidatorCount}");
                w.WriteLine($"node version:  {status.NodeVersion} (gateway {run.Gateway})");
            });
            return ExitCodes.Ok;
        }));
        return command;
    }
}
