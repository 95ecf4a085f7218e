using System.Text.Json;
using Chain.Cli;
using Chain.Protocol.Files;

namespace Chain.Tests.Client;

public sealed class KeysCommandsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Keys_new_writes_a_key_file_that_keys_show_reads_back()
    {
        var path = _dir.File("alice.key");

        var created = await CliRun.InvokeAsync("keys", "new", "--out", path, "--json");
        var shown = await CliRun.InvokeAsync("keys", "show", path, "--json");

        Assert.Equal(ExitCodes.Ok, created.ExitCode);
        Assert.Equal(ExitCodes.Ok, shown.ExitCode);
        using var key = KeyFile.Read(path);
        using var createdJson = JsonDocument.Parse(created.Out);
        using var shownJson = JsonDocument.Parse(shown.Out);
        Assert.Equal(key.Address.ToString(), createdJson.RootElement.GetProperty("address").GetString());
        Assert.Equal(key.Address.ToString(), shownJson.RootElement.GetProperty("address").GetString());
        Assert.Equal(key.PublicKey.ToString(), shownJson.RootElement.GetProperty("publicKey").GetString());
    }

    [Fact]
    public async Task Keys_show_never_prints_the_private_key()
    {
        var path = _dir.File("alice.key");
        await CliRun.InvokeAsync("keys", "new", "--out", path);
        using var key = KeyFile.Read(path);
        var seed = Convert.ToHexStringLower(key.ExportSeed());

        var text = await CliRun.InvokeAsync("keys", "show", path);
        var json = await CliRun.InvokeAsync("keys", "show", path, "--json");

        Assert.Contains(key.Address.ToString(), text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(seed, text.Out + text.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(seed, json.Out + json.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Keys_new_refuses_to_overwrite_an_existing_file()
    {
        var path = _dir.File("alice.key");
        await CliRun.InvokeAsync("keys", "new", "--out", path);
        var before = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

        var again = await CliRun.InvokeAsync("keys", "new", "--out", path);

        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.StartsWith("error: ", again.Error, StringComparison.Ordinal);
        Assert.Contains("refusing to overwrite", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Keys_show_of_a_missing_file_is_bad_input()
    {
        var run = await CliRun.InvokeAsync("keys", "show", _dir.File("nobody.key"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: cannot read key file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_show_of_a_file_that_is_not_a_key_file_is_bad_input()
    {
        var path = _dir.File("notes.txt");
        await File.WriteAllTextAsync(path, "{ \"privateKey\": \"zz\" }", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("keys", "show", path);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("not a key file", run.Error, StringComparison.Ordinal);
    }
}
