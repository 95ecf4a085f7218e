using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Chain.Client;
using Chain.Protocol.Blocks;

namespace Chain.Cli;

/// <summary>
/// <c>chain block [HEIGHT|latest]</c>: a final block, its body checked against its header and its certificate
/// against the validator set, followed from a pinned genesis (<c>--genesis</c>) or as the node reports it.
/// </summary>
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
            Description = "Verify the certificate from this genesis file: follow its validator set through every set change up to the block, instead of trusting the node's set.",
            HelpName = "FILE",
        };
        var command = new Command(
            "block",
            "Show a final block (header, validator-set hashes, certificate signers and power, parent certificate, transactions) and verify its certificate and body.")
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
            CertificateReport? report = null;
            CliFailure? failure = null;
            try
            {
                report = await client.VerifyHeaderAsync(block.Header, block.Certificate, pinned, ct);
            }
            catch (ChainClientException e) when (e.Kind == ChainClientErrorKind.VerificationFailed)
            {
                failure = ExitCodes.Classify(e);
            }

            return run.Emit(Json(block, report, genesisPath), w => WriteText(w, block, report, genesisPath, failure), failure);
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

    private static JsonObject Json(FinalizedBlock block, CertificateReport? report, string? genesisPath)
    {
        var h = block.Header;
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
            ["nextValidatorSetHash"] = h.NextValidatorSetHash.ToString(),
            ["lastCertificateHash"] = h.LastCertificateHash.ToString(),
            ["certificate"] = CertificateView.Json(block.Certificate, report, genesisPath),
            ["lastCertificate"] = block.LastCertificate is { } last ? CertificateView.ParentJson(last, h) : null,
            ["verification"] = new JsonObject
            {
                ["certificateVerified"] = report is not null,
                ["bodyVerified"] = true,
                ["validatorSet"] = genesisPath is null ? "node" : "pinned-genesis",
                ["genesisFile"] = genesisPath,
            },
            ["transactions"] = transactions,
        };
    }

    private static void WriteText(TextWriter w, FinalizedBlock block, CertificateReport? report, string? genesisPath, CliFailure? failure)
    {
        var h = block.Header;
        w.WriteLine($"block {h.Height}  {h.Hash()}");
        w.WriteLine($"chain id:       {h.ChainId}");
        w.WriteLine($"previous hash:  {h.PreviousHash}");
        w.WriteLine($"time:           {Display.Time(h.TimeUnixMs)} ({h.TimeUnixMs})");
        w.WriteLine($"proposer:       {h.Proposer}");
        w.WriteLine($"transactions:   {h.TransactionCount} (root {h.TransactionsRoot})");
        w.WriteLine($"receipts root:  {h.ReceiptsRoot}");
        w.WriteLine($"state root:     {h.StateRoot}");
        w.WriteLine($"validator set:  {h.ValidatorSetHash}");
        var next = h.NextValidatorSetHash == h.ValidatorSetHash ? "unchanged" : "changes after this block";
        w.WriteLine($"next set:       {h.NextValidatorSetHash} ({next})");
        CertificateView.WriteText(w, block.Certificate, report, genesisPath, failure);
        w.WriteLine(block.LastCertificate is { } last ? CertificateView.ParentLine(last, h) : "parent certificate: none (block 1 follows the genesis)");
        w.WriteLine("body: matches the header's transactions, receipts and last-certificate hashes");
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
