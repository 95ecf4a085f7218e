using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Chain.Client;

namespace Chain.Cli;

/// <summary><c>chain validators</c>: the active set (checked against the latest certified header) and every validator record.</summary>
internal static class ValidatorsCommand
{
    public static Command Create(CliContext context)
    {
        var genesis = new Option<string?>("--genesis")
        {
            Description = "Verify the active set from this genesis file: follow its validator set through every set change, instead of trusting the node's set.",
            HelpName = "FILE",
        };
        var command = new Command(
            "validators",
            "Show the active validator set (power and share, checked against the latest header's next-set hash and certificate) "
            + "and every candidate (tokens, status, jail, missed blocks), with the epoch length and the next epoch height.")
        {
            genesis,
        };
        context.Examples(command, "chain validators", "chain validators --genesis genesis.json --json");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var genesisPath = run.Get(genesis);
            var pinned = genesisPath is null ? null : Inputs.Genesis(genesisPath);
            await using var client = await run.ConnectAsync(ct);
            var view = await client.GetValidatorsAsync(pinned, ct);
            run.Emit(Json(view, genesisPath), w => WriteText(w, view, genesisPath));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Candidates by power, then tokens, then address: the active set first, strongest first.</summary>
    private static IEnumerable<ValidatorCandidate> Ranked(ValidatorsView view) =>
        view.Candidates.OrderByDescending(c => c.Power).ThenByDescending(c => c.Tokens).ThenBy(c => c.Address);

    private static JsonObject Json(ValidatorsView view, string? genesisPath)
    {
        var set = view.ActiveSet;
        var active = new JsonArray();
        for (var i = 0; i < set.Count; i++)
        {
            var v = set.Validators[i];
            active.Add(new JsonObject
            {
                ["index"] = i,
                ["address"] = v.Address.ToString(),
                ["publicKey"] = v.PublicKey.ToString(),
                ["power"] = v.Power,
                ["percent"] = CertificateView.Percent(v.Power, set.TotalPower),
            });
        }

        var candidates = new JsonArray();
        foreach (var c in Ranked(view))
        {
            candidates.Add(new JsonObject
            {
                ["address"] = c.Address.ToString(),
                ["publicKey"] = c.PublicKey.ToString(),
                ["status"] = c.Status,
                ["tokens"] = c.Tokens,
                ["power"] = c.Power,
                ["percent"] = CertificateView.Percent(c.Power, set.TotalPower),
                ["jailedUntilHeight"] = c.JailedUntilHeight,
                ["missedBlocks"] = c.MissedBlocks,
            });
        }

        var report = view.Certificate;
        return new JsonObject
        {
            ["height"] = view.Height,
            ["epochLength"] = view.EpochLength,
            ["nextEpochHeight"] = view.NextEpochHeight,
            ["activeSet"] = new JsonObject
            {
                ["hash"] = set.Hash.ToString(),
                ["count"] = set.Count,
                ["totalPower"] = set.TotalPower,
                ["validators"] = active,
            },
            ["candidates"] = candidates,
            ["verification"] = new JsonObject
            {
                ["verified"] = true,
                ["trustRoot"] = CertificateView.TrustRoot(genesisPath),
                ["committedByHeight"] = report?.Header.Height,
                ["committedByHash"] = report?.Header.Hash().ToString(),
                ["signedPower"] = report?.Check.SignedPower,
                ["totalPower"] = report?.Check.TotalPower,
                ["percent"] = report is null ? null : CertificateView.Percent(report.Check.SignedPower, report.Check.TotalPower),
                ["trustedSetSince"] = report?.Source == ValidatorSetSource.PinnedGenesis ? report.TrustedSetSince : null,
                ["genesisFile"] = genesisPath,
                ["candidatesVerified"] = false,
            },
        };
    }

    private static void WriteText(TextWriter w, ValidatorsView view, string? genesisPath)
    {
        var set = view.ActiveSet;
        w.WriteLine($"height {view.Height}; epoch length {view.EpochLength} blocks; next epoch at height {view.NextEpochHeight}");
        w.WriteLine($"active set: {set.Count} validators, total power {set.TotalPower}, hash {set.Hash}");
        for (var i = 0; i < set.Count; i++)
        {
            var v = set.Validators[i];
            w.WriteLine($"  {i,3}  {v.Address}  power {v.Power}  {Share(v.Power, set.TotalPower)}");
        }

        w.WriteLine($"candidates: {view.Candidates.Count}");
        foreach (var c in Ranked(view))
        {
            var jail = c.JailedUntilHeight > 0 ? $"  jailed until {c.JailedUntilHeight}" : string.Empty;
            w.WriteLine($"  {c.Address}  {c.Status,-10}  tokens {c.Tokens}  power {c.Power} {Share(c.Power, set.TotalPower)}  missed {c.MissedBlocks}{jail}");
        }

        w.WriteLine(view.Certificate is { } report
            ? $"verified: the active set is the next set block {report.Header.Height} commits to, and that block's certificate "
                + $"({report.Check.SignedPower}/{report.Check.TotalPower} power) verified against {CertificateView.Source(report, genesisPath)}; candidate records are the node's word"
            : $"verified: no block is final yet; the active set is {(genesisPath is null ? "the node's genesis set (not checked)" : $"the set of genesis {genesisPath}")}");
    }

    private static string Share(ulong power, ulong total) =>
        CertificateView.Percent(power, total).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
