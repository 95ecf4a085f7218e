using System.CommandLine;
using System.Text.Json.Nodes;

namespace Chain.Cli;

/// <summary><c>chain shards</c>: each shard's chunk in the latest block and its queues.</summary>
internal static class ShardsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "shards",
            """
            Show every shard at the latest finalized height: the transactions its chunk carried, the cross-shard receipts it
            applied (in) and sent (out), its chunk's transactions root, and its queues: transactions waiting in the mempool
            for its lane and receipts in flight to it. Accounts map to shards by address (docs/protocol.md §13); shard 0 also
            runs staking and contract transactions.
            """);
        context.Examples(command, "chain shards", "chain shards --json");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            await using var client = await run.ConnectAsync(ct);
            var shards = await client.GetShardsAsync();
            var json = new JsonArray([.. shards.Select(s => (JsonNode)new JsonObject
            {
                ["shard"] = s.Shard,
                ["height"] = s.Height,
                ["transactions"] = s.Chunk.TransactionCount,
                ["receiptsIn"] = s.Chunk.IncomingCount,
                ["receiptsOut"] = s.Chunk.OutgoingCount,
                ["transactionsRoot"] = s.Chunk.TransactionsRoot.ToString(),
                ["outgoingRoot"] = s.Chunk.OutgoingRoot.ToString(),
                ["pendingTransactions"] = s.PendingTransactions,
                ["inboundReceipts"] = s.InboundReceipts,
            })]);
            run.Emit(new JsonObject { ["shards"] = json }, w =>
            {
                w.WriteLine($"height {shards[0].Height}, {shards.Count} shard(s); in/out: cross-shard receipts the chunk applied/sent");
                w.WriteLine($"{"shard",5}  {"txs",6}  {"in",6}  {"out",6}  {"txs root",-17}  {"mempool",7}  {"inbound",7}");
                foreach (var s in shards)
                {
                    w.WriteLine($"{s.Shard,5}  {s.Chunk.TransactionCount,6}  {s.Chunk.IncomingCount,6}  {s.Chunk.OutgoingCount,6}  {s.Chunk.TransactionsRoot.ToString()[..16] + "…",-17}  {s.PendingTransactions,7}  {s.InboundReceipts,7}");
                }
            });
            return ExitCodes.Ok;
        }));
        return command;
    }
}
