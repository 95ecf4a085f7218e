using System.CommandLine;
using System.Text.Json.Nodes;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;

namespace Chain.Cli;

/// <summary><c>chain keys new</c> and <c>chain keys show</c>: account keys in key files.</summary>
internal static class KeysCommands
{
    public static Command Create(CliContext context) =>
        context.Examples(
            new Command("keys", "Create and inspect key files (an Ed25519 key; whoever holds the file controls the account).")
            {
                New(context),
                Show(context),
            },
            "chain keys new --out alice.key",
            "chain keys show alice.key");

    private static Command New(CliContext context)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the key file. An existing file is never overwritten.",
            HelpName = "FILE",
            Required = true,
        };
        var command = new Command("new", "Generate a new key and write it to a key file (mode 0600); never overwrites a file.")
        {
            output,
        };
        context.Examples(command, "chain keys new --out alice.key");
        command.SetAction(context.Handle((run, _) =>
        {
            var path = run.Get(output)!;
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw Inputs.Invalid($"{path} already exists; refusing to overwrite it (it may be the only copy of a key). Choose another --out path");
            }

            using var key = KeyPair.Generate();
            try
            {
                KeyFile.Write(path, key);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Inputs.Invalid($"cannot write {path}: {e.Message.TrimEnd('.')}");
            }

            run.Emit(Describe(key, path), w =>
            {
                w.WriteLine($"address:  {key.Address}");
                w.WriteLine($"key file: {path}");
                w.WriteLine("Keep the key file secret and backed up: whoever holds it controls the account.");
            });
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A key file written by `chain keys new`." };
        var command = new Command("show", "Print a key file's address and public key (never its private key).")
        {
            file,
        };
        context.Examples(command, "chain keys show alice.key", "chain keys show alice.key --json");
        command.SetAction(context.Handle((run, _) =>
        {
            var path = run.Get(file)!;
            using var key = Inputs.Key(path);
            run.Emit(Describe(key, path), w =>
            {
                w.WriteLine($"address:    {key.Address}");
                w.WriteLine($"public key: {key.PublicKey}");
            });
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static JsonObject Describe(KeyPair key, string path) => new()
    {
        ["address"] = key.Address.ToString(),
        ["publicKey"] = key.PublicKey.ToString(),
        ["path"] = path,
    };
}
