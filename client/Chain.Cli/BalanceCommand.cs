using System.CommandLine;
using System.Text.Json.Nodes;
using Chain.Client;
using Chain.Protocol.Proofs;

namespace Chain.Cli;

/// <summary><c>chain balance ADDR</c>: an account's balance and nonce, optionally proven against a certified block.</summary>
internal static class BalanceCommand
{
    public static Command Create(CliContext context)
    {
        var address = new Argument<string>("ADDR") { Description = "The account's address (chain1…)." };
        var prove = new Option<bool>("--prove") { Description = "Verify the answer: a state proof against a block certified by the validators." };
        var genesis = new Option<string?>("--genesis")
        {
            Description = "Verify from this genesis file: follow its validator set through every set change up to the proven block, instead of trusting the node's set (implies --prove).",
            HelpName = "FILE",
        };
        var command = new Command(
            "balance",
            "Show an account's balance, nonce and shard at the latest final block, optionally with a verified proof.")
        {
            address, prove, genesis,
        };
        context.Examples(command, "chain balance chain1…", "chain balance chain1… --prove --genesis genesis.json");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var account = Inputs.Address(run.Get(address), "ADDR");
            var genesisPath = run.Get(genesis);
            var trusted = genesisPath is null ? null : Inputs.Genesis(genesisPath);
            var proving = run.Get(prove) || trusted is not null;

            await using var client = await run.ConnectAsync(ct);
            var balance = await client.GetBalanceAsync(account, proving, trusted, ct);
            var shards = (trusted ?? await client.GetGenesisAsync()).Parameters.ShardCount;
            var shard = Protocol.Sharding.ShardMap.ShardOf(account, shards);
            var json = new JsonObject
            {
                ["address"] = account.ToString(),
                ["balance"] = balance.Balance,
                ["nonce"] = balance.Nonce,
                ["height"] = balance.Height,
                ["shard"] = shard,
                ["shards"] = shards,
            };
            if (balance.Proof is { } proof)
            {
                json["proof"] = ProofJson(proof, genesisPath);
            }

            run.Emit(json, w =>
            {
                w.WriteLine($"address: {account}");
                w.WriteLine($"balance: {balance.Balance}");
                w.WriteLine($"nonce:   {balance.Nonce}");
                w.WriteLine($"height:  {balance.Height}");
                if (shards > 1)
                {
                    w.WriteLine($"shard:   {shard} of {shards}");
                }

                if (balance.Proof is { } p)
                {
                    w.WriteLine(ProofSentence(p, genesisPath));
                }
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static string ProofSentence(ProofReport proof, string? genesisPath)
    {
        var presence = proof.Verdict == StateProofResult.Included
            ? "the account is in the state"
            : "the account is absent from the state, so its balance is 0";
        var source = (proof.ValidatorSetSource, proof.TrustedSetSince) switch
        {
            (ValidatorSetSource.ReportedByNode, _) => "validator set as reported by the node (pass --genesis to pin it)",
            (_, 0) => $"validator set pinned by genesis {genesisPath}",
            (_, var since) => $"validator set followed from genesis {genesisPath} through the set change at block {since}",
        };
        return $"proof: verified against block {proof.Height} (hash {proof.BlockHash}), certificate signed by "
            + $"{proof.SignedPower}/{proof.TotalPower} power; {source}; {presence}";
    }

    private static JsonObject ProofJson(ProofReport proof, string? genesisPath) => new()
    {
        ["verified"] = true,
        ["result"] = Display.Kebab(proof.Verdict),
        ["height"] = proof.Height,
        ["blockHash"] = proof.BlockHash.ToString(),
        ["signedPower"] = proof.SignedPower,
        ["totalPower"] = proof.TotalPower,
        ["validatorSet"] = proof.ValidatorSetSource == ValidatorSetSource.PinnedGenesis ? "pinned-genesis" : "node",
        ["genesisFile"] = genesisPath,
        ["trustRoot"] = proof.ValidatorSetSource == ValidatorSetSource.PinnedGenesis ? "genesis" : "node",
        ["trustedSetSince"] = proof.ValidatorSetSource == ValidatorSetSource.PinnedGenesis ? proof.TrustedSetSince : null,
    };
}
