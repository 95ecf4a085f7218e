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
            for its lane and receipts in flight to it, and the silo its lane runs on (lanes spread over the cluster's silos;
            shard 0's lane is the ledger's). Accounts map to shards by address (docs/protocol.md §13); shard 0 also runs
            staking and contract transactions. A mempool of -1 means that shard's lane did not answer (its silo may be
            restarting); ask again in a moment.
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
                ["silo"] = s.Silo,
            })]);
            run.Emit(new JsonObject { ["shards"] = json }, w =>
            {
                w.WriteLine($"height {shards[0].Height}, {shards.Count} shard(s); in/out: cross-shard receipts the chunk applied/sent");
                w.WriteLine($"{"shard",5}  {"txs",6}  {"in",6}  {"out",6}  {"txs root",-17}  {"mempool",7}  {"inbound",7}  silo");
                foreach (var s in shards)
                {
                    w.WriteLine($"{s.Shard,5}  {s.Chunk.TransactionCount,6}  {s.Chunk.IncomingCount,6}  {s.Chunk.OutgoingCount,6}  {s.Chunk.TransactionsRoot.ToString()[..16] + "…",-17}  {s.PendingTransactions,7}  {s.InboundReceipts,7}  {s.Silo ?? "(no answer)"}");
                }
            });
            return ExitCodes.Ok;
        }));
        return command;
    }
}
