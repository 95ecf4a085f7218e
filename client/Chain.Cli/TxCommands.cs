using System.CommandLine;
using System.Text.Json.Nodes;
using Chain.Client;
using Chain.GrainInterfaces;

namespace Chain.Cli;

/// <summary><c>chain tx HASH</c> and <c>chain tx send-raw</c>.</summary>
internal static class TxCommands
{
    public static Command Create(CliContext context)
    {
        var hash = new Argument<string>("HASH") { Description = "The transaction hash (64 hex characters)." };
        var command = new Command(
            "tx",
            "Show a transaction: status, block height and index, receipt status and fee; a final one has its inclusion verified.")
        {
            hash,
            SendRaw(context),
        };
        context.Examples(command, "chain tx 5d41402abc4b2a76b9719d911017c592ae1c7e1f3ba5e3c5d0b8c4c8e7f6a9b1", "chain tx send-raw @tx.hex");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var txHash = Inputs.Hash(run.Get(hash));
            await using var client = await run.ConnectAsync(ct);
            var outcome = await client.GetTransactionAsync(txHash);
            if (outcome.Status == TransactionStatus.Unknown)
            {
                throw new ChainClientException(
                    ChainClientErrorKind.NotFound,
                    $"the node does not know transaction {txHash}: it was never admitted, or it was dropped before inclusion");
            }

            if (outcome.Inclusion is not { } inclusion)
            {
                run.Emit(
                    new JsonObject { ["hash"] = txHash.ToString(), ["status"] = "pending" },
                    w => w.WriteLine($"{txHash}: pending (admitted, not yet in a final block)"));
                return ExitCodes.Ok;
            }

            var receipt = inclusion.Receipt;
            var json = TransactionView.FinalJson(inclusion);
            run.Emit(json, w =>
            {
                TransactionView.WriteSummary(w, inclusion.Transaction);
                w.WriteLine($"status: final in block {inclusion.Header.Height} at index {inclusion.Index}");
                w.WriteLine($"receipt: {Display.Kebab(receipt.Status)}, fee charged {receipt.FeeCharged}");
                w.WriteLine($"inclusion: verified against block {inclusion.Header.Height}'s transactions root");
                if (inclusion.Legs.Count > 0)
                {
                    TransactionView.WriteLegs(w, inclusion.Legs);
                }
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command SendRaw(CliContext context)
    {
        var raw = new Argument<string>("HEX|@FILE")
        {
            Description = "The signed transaction's bytes as hex, or @FILE to read the hex from a file. Sent exactly as given.",
        };
        var command = new Command(
            "send-raw",
            "Submit raw transaction bytes unchanged (for example from `chain transfer --offline`), malformed or not.")
        {
            raw,
        };
        context.Examples(command, "chain tx send-raw 0106646576…", "chain transfer --key alice.key --to chain1… --amount 5 --nonce 0 --chain-id devnet --offline --json | jq -r .raw > tx.hex && chain tx send-raw @tx.hex");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var bytes = Inputs.HexBytes(run.Get(raw)!);
            await using var client = await run.ConnectAsync(ct);
            var result = await client.SubmitRawAsync(bytes);
            if (!result.Accepted)
            {
                throw ChainClient.Rejection(result);
            }

            var txHash = result.TransactionHash is { } h ? Display.Hex(h) : "(not reported)";
            run.Emit(
                new JsonObject { ["hash"] = txHash, ["status"] = "pending" },
                w => w.WriteLine($"accepted: {txHash} (pending). Follow it with `chain tx {txHash}`"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
