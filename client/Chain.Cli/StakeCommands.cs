using System.CommandLine;
using System.Text.Json.Nodes;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Cli;

/// <summary>
/// <c>chain stake bond|delegate|unbond|withdraw|unjail</c>: sign and send a staking transaction, with the
/// same options as <c>transfer</c>; and <c>chain stake show</c>: an address's delegations and unbonding entries.
/// </summary>
internal static class StakeCommands
{
    public static Command Create(CliContext context) =>
        context.Examples(
            new Command("stake", "Bond, delegate, unbond and withdraw stake, unjail a validator, and show an address's stake.")
            {
                Bond(context),
                Delegation(context),
                Unbonding(context),
                Withdrawal(context),
                Unjail(context),
                Show(context),
            },
            "chain stake bond --key validator.key --amount 5000 --wait",
            "chain stake delegate --key alice.key --validator chain1… --amount 100 --wait",
            "chain stake show chain1…");

    private static Command Bond(CliContext context)
    {
        var amount = Amount("Units of the sender's balance to bond as self-stake; the sender becomes a validator candidate with its key as consensus key.");
        return Sending(
            context,
            new Command("bond", "Bond part of the key's balance as self-stake, making its account a validator candidate.") { amount },
            ["chain stake bond --key validator.key --amount 5000 --wait", "chain stake bond --key validator.key --amount 5000 --nonce 0 --chain-id devnet --offline"],
            "the bond",
            (run, _) => new Bond(PositiveAmount(run, amount)));
    }

    private static Command Delegation(CliContext context)
    {
        var validator = new Option<string>("--validator") { Description = "The validator's address (chain1…).", HelpName = "ADDR", Required = true };
        var amount = Amount("Units of the sender's balance to delegate.");
        return Sending(
            context,
            new Command("delegate", "Delegate part of the key's balance to a validator; the stake shares its rewards and slashes.") { validator, amount },
            ["chain stake delegate --key alice.key --validator chain1… --amount 100 --wait"],
            "the delegation",
            (run, _) => new Delegate(Inputs.Address(run.Get(validator), "--validator"), PositiveAmount(run, amount)));
    }

    private static Command Unbonding(CliContext context)
    {
        var validator = SelfOrValidator("unbond from");
        var amount = Amount("Units of stake to unbond; they stop counting at the next epoch and can be withdrawn after the unbonding period.");
        return Sending(
            context,
            new Command("unbond", "Start unbonding stake from a validator (the key's own address for self-stake).") { validator, amount },
            ["chain stake unbond --key alice.key --validator chain1… --amount 40 --wait", "chain stake unbond --key validator.key --amount 1000"],
            "the unbonding",
            (run, sender) => new Unbond(ValidatorOrSelf(run, validator, sender), PositiveAmount(run, amount)));
    }

    private static Command Withdrawal(CliContext context)
    {
        var validator = SelfOrValidator("withdraw from");
        return Sending(
            context,
            new Command("withdraw", "Move every matured unbonding entry with a validator back to the key's balance.") { validator },
            ["chain stake withdraw --key alice.key --validator chain1… --wait"],
            "the withdrawal",
            (run, sender) => new Withdraw(ValidatorOrSelf(run, validator, sender)));
    }

    private static Command Unjail(CliContext context) =>
        Sending(
            context,
            new Command("unjail", "Ask to rejoin the validator candidates after a downtime jail has ended (the key is the validator's)."),
            ["chain stake unjail --key validator.key --wait"],
            "the unjail request",
            (_, _) => new Unjail());

    private static Command Show(CliContext context)
    {
        var address = new Argument<string?>("ADDRESS") { Description = "The delegator's address (chain1…). Default: the --key file's.", Arity = ArgumentArity.ZeroOrOne };
        var key = new Option<string?>("--key", "-k") { Description = "Show the stake of this key file's account.", HelpName = "FILE" };
        var command = new Command("show", "Show an address's stake with each validator (self-bond included) and its unbonding entries.") { address, key };
        context.Examples(command, "chain stake show chain1…", "chain stake show --key alice.key --json");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var delegator = Delegator(run, address, key);
            await using var client = await run.ConnectAsync(ct);
            var stakes = await client.GetStakeAsync(delegator);
            var delegations = new JsonArray();
            ulong bonded = 0;
            ulong unbonding = 0;
            foreach (var stake in stakes)
            {
                var entries = new JsonArray();
                foreach (var entry in stake.Unbonding)
                {
                    entries.Add(new JsonObject { ["tokens"] = entry.Tokens, ["completionHeight"] = entry.CompletionHeight });
                    unbonding = checked(unbonding + entry.Tokens);
                }

                bonded = checked(bonded + stake.Tokens);
                delegations.Add(new JsonObject
                {
                    ["validator"] = stake.Validator.ToString(),
                    ["self"] = stake.Validator == delegator,
                    ["tokens"] = stake.Tokens,
                    ["unbonding"] = entries,
                });
            }

            var json = new JsonObject
            {
                ["address"] = delegator.ToString(),
                ["bonded"] = bonded,
                ["unbonding"] = unbonding,
                ["delegations"] = delegations,
            };
            run.Emit(json, w =>
            {
                w.WriteLine($"address:   {delegator}");
                w.WriteLine($"bonded:    {bonded}");
                w.WriteLine($"unbonding: {unbonding}");
                foreach (var stake in stakes)
                {
                    var self = stake.Validator == delegator ? " (self-bond)" : string.Empty;
                    w.WriteLine($"  {stake.Validator}{self}: {stake.Tokens}");
                    foreach (var entry in stake.Unbonding)
                    {
                        w.WriteLine($"    unbonding {entry.Tokens}, withdrawable from height {entry.CompletionHeight}");
                    }
                }

                if (stakes.Count == 0)
                {
                    w.WriteLine("  no stake (bond with `chain stake bond`, delegate with `chain stake delegate`)");
                }
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A command that builds a payload from its own options and sends it through <see cref="TransactionOptions"/>.</summary>
    private static Command Sending(
        CliContext context, Command command, string[] examples, string what, Func<Invocation, KeyPair, TransactionPayload> payload)
    {
        var sending = new TransactionOptions();
        sending.AddTo(command);
        context.Examples(command, examples);
        command.SetAction(context.Handle(async (run, ct) =>
        {
            using var sender = sending.ReadKey(run);
            return await sending.SendAsync(run, sender, payload(run, sender), what, ct);
        }));
        return command;
    }

    private static Option<ulong> Amount(string description) => new("--amount") { Description = description, HelpName = "N", Required = true };

    private static ulong PositiveAmount(Invocation run, Option<ulong> amount)
    {
        var value = run.Get(amount);
        return value > 0 ? value : throw Inputs.Invalid("--amount must be a positive number of units");
    }

    private static Option<string?> SelfOrValidator(string verb) =>
        new("--validator") { Description = $"The validator to {verb} (chain1…). Default: the key's own address (self-stake).", HelpName = "ADDR" };

    private static Address ValidatorOrSelf(Invocation run, Option<string?> validator, KeyPair sender) =>
        run.Get(validator) is { } text ? Inputs.Address(text, "--validator") : sender.Address;

    private static Address Delegator(Invocation run, Argument<string?> address, Option<string?> key)
    {
        if (run.Get(address) is { } text)
        {
            return run.Get(key) is null
                ? Inputs.Address(text, "ADDRESS")
                : throw Inputs.Invalid("give an ADDRESS or --key, not both");
        }

        if (run.Get(key) is { } path)
        {
            using var pair = Inputs.Key(path);
            return pair.Address;
        }

        throw Inputs.Invalid("give the delegator's ADDRESS, or --key FILE to show the stake of that key's account");
    }
}
