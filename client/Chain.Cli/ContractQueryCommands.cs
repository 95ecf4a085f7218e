using System.CommandLine;
using System.Text.Json.Nodes;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Cli;

/// <summary>
/// <c>chain query</c>, <c>chain events</c> and <c>chain contract</c>: read a contract at the latest final block
/// (no key, no fee, nothing written).
/// </summary>
internal static class ContractQueryCommands
{
    public const int DefaultEventLimit = 100;

    public static Command Query(CliContext context)
    {
        var contract = ContractCommands.ContractOption();
        var method = ContractCommands.MethodOption();
        var args = ContractCommands.InitArgs("The method's arguments, as JSON (sent as UTF-8 bytes).");
        var from = new Option<string?>("--from") { Description = "The address the contract sees as its caller. Default: the zero address.", HelpName = "ADDR" };
        var gas = new Option<ulong?>("--gas") { Description = "Gas the query may use (default 10000000). Nothing is charged.", HelpName = "N" };
        var command = new Command("query", "Run a contract method read-only against the latest final state: no key, no fee; writes and events are refused.")
        {
            contract, method, args, from, gas,
        };
        context.Examples(command, "chain query --contract chain1… --method balance_of --args '{\"owner\":\"chain1…\"}'");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var address = Inputs.Address(run.Get(contract), "--contract");
            var name = ContractCommands.Method(run.Get(method));
            var input = ContractCommands.ArgsBytes(run.Get(args), "--args");
            var caller = run.Get(from) is { } text ? Inputs.Address(text, "--from") : (Address?)null;
            await using var client = await run.ConnectAsync(ct);
            var result = await client.QueryContractAsync(address, name, input, caller, run.Get(gas) ?? 0);
            var status = (ReceiptStatus)result.Status;
            var json = new JsonObject
            {
                ["contract"] = address.ToString(),
                ["method"] = name,
                ["height"] = result.Height,
                ["status"] = Display.Kebab(status),
                ["gasUsed"] = result.GasUsed,
                ["message"] = result.Message,
            };
            ContractView.Put(json, "returnData", result.ReturnData);
            var failure = status == ReceiptStatus.Success
                ? null
                : new CliFailure(ExitCodes.Rejected, Display.Kebab(status), $"the query of {name} failed: {Display.Kebab(status)}: {result.Message}");
            return run.Emit(json, w =>
            {
                w.WriteLine(status == ReceiptStatus.Success ? ContractView.Text(result.ReturnData) : $"status: {Display.Kebab(status)}: {result.Message}");
                w.WriteLine($"(height {result.Height}, gas used {result.GasUsed})");
            }, failure);
        }));
        return command;
    }

    public static Command Events(CliContext context)
    {
        var contract = ContractCommands.ContractOption();
        var fromHeight = new Option<ulong>("--from-height") { Description = "List events from this block height on. Default: the deploy.", HelpName = "H" };
        var limit = new Option<int>("--limit") { Description = $"Events per page, 1 to {ContractEventPage.MaxLimit} (default {DefaultEventLimit}).", HelpName = "N", DefaultValueFactory = _ => DefaultEventLimit };
        var cursor = new Option<ulong>("--cursor") { Description = "Continue a listing from the `next` cursor an earlier page printed.", HelpName = "N" };
        var command = new Command("events", "List the events a contract emitted, oldest first, a page at a time.") { contract, fromHeight, limit, cursor };
        context.Examples(command, "chain events --contract chain1…", "chain events --contract chain1… --from-height 120 --limit 20 --json");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var address = Inputs.Address(run.Get(contract), "--contract");
            var count = run.Get(limit);
            if (count is < 1 or > ContractEventPage.MaxLimit)
            {
                throw Inputs.Invalid($"--limit {count} is out of range: 1 to {ContractEventPage.MaxLimit}");
            }

            await using var client = await run.ConnectAsync(ct);
            await client.GetContractAsync(address);
            var page = await client.GetContractEventsAsync(address, run.Get(fromHeight), run.Get(cursor), count);
            var json = new JsonObject
            {
                ["contract"] = address.ToString(),
                ["height"] = page.Height,
                ["events"] = new JsonArray([.. page.Events.Select(e => (JsonNode)ContractView.EntryJson(e))]),
                ["next"] = page.NextCursor == 0 ? null : page.NextCursor,
            };
            run.Emit(json, w =>
            {
                foreach (var e in page.Events)
                {
                    w.WriteLine($"{e.Height,8}  tx {new Hash32(e.TransactionHash)}  {ContractView.Topic(e.Topic)}  {ContractView.Text(e.Data)}");
                }

                w.WriteLine(page.Events.Length == 0 ? $"no events (as of height {page.Height})" : $"{page.Events.Length} events (as of height {page.Height})");
                if (page.NextCursor != 0)
                {
                    w.WriteLine($"more: chain events --contract {address} --cursor {page.NextCursor} --limit {count}");
                }
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Info(CliContext context)
    {
        var contract = ContractCommands.ContractOption();
        var command = new Command("contract", "Show a contract: code hash and version, admin, deployer, deploy and upgrade heights, every code version.") { contract };
        context.Examples(command, "chain contract --contract chain1…");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var address = Inputs.Address(run.Get(contract), "--contract");
            await using var client = await run.ConnectAsync(ct);
            var info = await client.GetContractAsync(address);
            var admin = info.Admin is null ? null : new Address(info.Admin).ToString();
            var json = new JsonObject
            {
                ["contract"] = address.ToString(),
                ["version"] = info.Version,
                ["codeHash"] = new Hash32(info.CodeHash).ToString(),
                ["admin"] = admin,
                ["deployer"] = new Address(info.Deployer).ToString(),
                ["deployedHeight"] = info.DeployedHeight,
                ["upgradedHeight"] = info.UpgradedHeight == 0 ? null : info.UpgradedHeight,
                ["events"] = info.EventCount,
                ["storageChangedHeight"] = info.StorageChangedHeight,
                ["height"] = info.Height,
                ["versions"] = new JsonArray([.. info.Versions.Select(v => (JsonNode)new JsonObject
                {
                    ["version"] = v.Version,
                    ["codeHash"] = new Hash32(v.CodeHash).ToString(),
                    ["height"] = v.Height,
                    ["transaction"] = new Hash32(v.TransactionHash).ToString(),
                })]),
            };
            run.Emit(json, w =>
            {
                w.WriteLine($"contract:  {address}");
                w.WriteLine($"version:   {info.Version}  code {new Hash32(info.CodeHash)}");
                w.WriteLine($"admin:     {admin ?? "none (code cannot be upgraded)"}");
                w.WriteLine($"deployer:  {new Address(info.Deployer)} at height {info.DeployedHeight}");
                w.WriteLine($"events:    {info.EventCount}; storage last changed at height {info.StorageChangedHeight}");
                foreach (var v in info.Versions)
                {
                    w.WriteLine($"  v{v.Version}  {new Hash32(v.CodeHash)}  height {v.Height}  tx {new Hash32(v.TransactionHash)}");
                }
            });
            return ExitCodes.Ok;
        }));
        return command;
    }
}
