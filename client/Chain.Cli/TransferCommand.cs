using System.CommandLine;
using System.Text;
using Chain.Protocol;
using Chain.Protocol.Transactions;

namespace Chain.Cli;

/// <summary><c>chain transfer</c>: sign a transfer and submit it, optionally waiting until it is final; or, offline, just sign it.</summary>
internal static class TransferCommand
{
    public static Command Create(CliContext context)
    {
        var to = new Option<string>("--to") { Description = "The recipient's address (chain1…).", HelpName = "ADDR", Required = true };
        var amount = new Option<ulong>("--amount") { Description = "Units to send.", HelpName = "N", Required = true };
        var memo = new Option<string?>("--memo") { Description = $"Text stored with the transfer, up to {ProtocolLimits.MaxMemoBytes} UTF-8 bytes.", HelpName = "TEXT" };
        var sending = new TransactionOptions();
        var command = sending.AddTo(new Command(
            "transfer",
            "Send units from a key file's account to an address; with --wait, until it is final and its inclusion verified.")
        {
            to, amount, memo,
        });

        context.Examples(
            command,
            "chain transfer --key alice.key --to chain1… --amount 100 --wait",
            "chain transfer --key alice.key --to chain1… --amount 100 --nonce 0 --chain-id devnet --offline");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            using var sender = sending.ReadKey(run);
            var recipient = Inputs.Address(run.Get(to), "--to");
            var memoBytes = Encoding.UTF8.GetBytes(run.Get(memo) ?? string.Empty);
            if (memoBytes.Length > ProtocolLimits.MaxMemoBytes)
            {
                throw Inputs.Invalid($"--memo is {memoBytes.Length} bytes; the limit is {ProtocolLimits.MaxMemoBytes}");
            }

            return await sending.SendAsync(run, sender, new Transfer(recipient, run.Get(amount), memoBytes), "the transfer", ct);
        }));
        return command;
    }
}
