using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Chain.Client;
using Chain.Protocol.Blocks;
using Chain.Protocol.Genesis;

namespace Chain.Cli;

/// <summary><c>chain block [HEIGHT|latest]</c>: a final block, its certificate checked against the genesis validators and its body against its header.</summary>
internal static class BlockCommand
{
    /// <summary>Text output lists this many transactions; --json lists all.</summary>
    private const int ListedTransactions = 50;

    public static Command Create(CliContext context)
    {
        var height = new Argument<string>("HEIGHT")
        {
            Description = "A block height, or 'latest' (the default).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "latest",
        };
        var genesis = new Option<string?>("--genesis")
        {
            Description = "Check the certificate against this genesis file's validators instead of the node's genesis.",
            HelpName = "FILE",
        };
        var command = new Command(
            "block",
            "Show a final block (header, certificate signers and power, transactions) and verify its certificate and body.")
        {
            height, genesis,
        };
        context.Examples(command, "chain block", "chain block 42 --genesis genesis.json --json");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var wanted = ParseHeight(run.Get(height));
            var genesisPath = run.Get(genesis);
            var pinned = genesisPath is null ? null : Inputs.Genesis(genesisPath);

            await using var client = await run.ConnectAsync(ct);
            var block = await client.GetBlockAsync(wanted);
            var trusted = pinned ?? await client.GetGenesisAsync();
            var check = BlockVerifier.Verify(block, trusted);
            var source = genesisPath is null
                ? "the node's genesis validator set (pass --genesis to pin it)"
                : $"the validator set of genesis {genesisPath}";
            run.Emit(Json(block, trusted, check, genesisPath), w => WriteText(w, block, trusted, check, source));
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static ulong? ParseHeight(string? text)
    {
        if (text is null || string.Equals(text, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            ? h
            : throw Inputs.Invalid($"'{text}' is not a block height: give a number or 'latest'");
    }

    private static JsonObject Json(FinalizedBlock block, GenesisDocument genesis, CertificateCheck check, string? genesisPath)
    {
        var h = block.Header;
        var signers = new JsonArray();
        foreach (var s in block.Certificate.Signatures)
        {
            var v = genesis.Validators.Validators[(int)s.ValidatorIndex];
            signers.Add(new JsonObject { ["index"] = s.ValidatorIndex, ["address"] = v.Address.ToString(), ["power"] = v.Power });
        }

        var transactions = new JsonArray();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = TransactionView.Json(block.Transactions[i]);
            tx["receiptStatus"] = Display.Kebab(block.Receipts[i].Status);
            tx["feeCharged"] = block.Receipts[i].FeeCharged;
            transactions.Add(tx);
        }

        return new JsonObject
        {
            ["height"] = h.Height,
            ["hash"] = h.Hash().ToString(),
            ["chainId"] = h.ChainId,
            ["previousHash"] = h.PreviousHash.ToString(),
            ["timeUnixMs"] = h.TimeUnixMs,
            ["time"] = Display.Time(h.TimeUnixMs),
            ["proposer"] = h.Proposer.ToString(),
            ["transactionCount"] = h.TransactionCount,
            ["transactionsRoot"] = h.TransactionsRoot.ToString(),
            ["receiptsRoot"] = h.ReceiptsRoot.ToString(),
            ["stateRoot"] = h.StateRoot.ToString(),
            ["validatorSetHash"] = h.ValidatorSetHash.ToString(),
            ["certificate"] = new JsonObject
            {
                ["round"] = block.Certificate.Round,
                ["signers"] = signers,
                ["signedPower"] = check.SignedPower,
                ["totalPower"] = check.TotalPower,
            },
            ["verification"] = new JsonObject
            {
                ["certificateVerified"] = true,
                ["bodyVerified"] = true,
                ["validatorSet"] = genesisPath is null ? "node" : "pinned-genesis",
                ["genesisFile"] = genesisPath,
            },
            ["transactions"] = transactions,
        };
    }

    private static void WriteText(TextWriter w, FinalizedBlock block, GenesisDocument genesis, CertificateCheck check, string source)
    {
        var h = block.Header;
        var certificate = block.Certificate;
        w.WriteLine($"block {h.Height}  {h.Hash()}");
        w.WriteLine($"chain id:       {h.ChainId}");
        w.WriteLine($"previous hash:  {h.PreviousHash}");
        w.WriteLine($"time:           {Display.Time(h.TimeUnixMs)} ({h.TimeUnixMs})");
        w.WriteLine($"proposer:       {h.Proposer}");
        w.WriteLine($"transactions:   {h.TransactionCount} (root {h.TransactionsRoot})");
        w.WriteLine($"receipts root:  {h.ReceiptsRoot}");
        w.WriteLine($"state root:     {h.StateRoot}");
        w.WriteLine($"validator set:  {h.ValidatorSetHash}");
        w.WriteLine($"certificate:    round {certificate.Round}, {certificate.Signatures.Count} of {genesis.Validators.Count} validators signed, power {check.SignedPower}/{check.TotalPower}");
        foreach (var s in certificate.Signatures)
        {
            var v = genesis.Validators.Validators[(int)s.ValidatorIndex];
            w.WriteLine($"  signer {s.ValidatorIndex}: {v.Address} power {v.Power}");
        }

        w.WriteLine($"verified: certificate against {source}; body matches the header's transactions and receipts roots");
        for (var i = 0; i < block.Transactions.Count && i < ListedTransactions; i++)
        {
            w.WriteLine($"  tx {i}: {TransactionView.Line(block.Transactions[i])}  {Display.Kebab(block.Receipts[i].Status)}");
        }

        if (block.Transactions.Count > ListedTransactions)
        {
            w.WriteLine($"  … and {block.Transactions.Count - ListedTransactions} more (use --json to list all)");
        }
    }
}
