using Chain.Cli;

namespace Chain.Tests.Client;

public sealed class CommandHelpTests
{
    [Theory]
    [InlineData("chain validators --genesis genesis.json --json", "validators")]
    [InlineData("chain stake delegate --key alice.key --validator chain1… --amount 100 --wait", "stake")]
    [InlineData("chain stake bond --key validator.key --amount 5000 --wait", "stake", "bond")]
    [InlineData("chain stake delegate --key alice.key --validator chain1… --amount 100 --wait", "stake", "delegate")]
    [InlineData("chain stake unbond --key validator.key --amount 1000", "stake", "unbond")]
    [InlineData("chain stake withdraw --key alice.key --validator chain1… --wait", "stake", "withdraw")]
    [InlineData("chain stake unjail --key validator.key --wait", "stake", "unjail")]
    [InlineData("chain stake show chain1…", "stake", "show")]
    [InlineData("chain bench finality --count 100", "bench", "finality")]
    [InlineData("chain deploy --key alice.key --wasm counter.wasm --admin chain1… --gas 2000000 --wait", "deploy")]
    [InlineData("chain call --key alice.key --contract chain1… --method deposit --value 500 --gas 500000 --wait", "call")]
    [InlineData("chain query --contract chain1… --method balance_of", "query")]
    [InlineData("chain events --contract chain1… --from-height 120 --limit 20 --json", "events")]
    [InlineData("chain contract --contract chain1…", "contract")]
    public async Task Help_on_the_new_commands_describes_them_and_shows_an_example(string example, params string[] command)
    {
        var run = await CliRun.InvokeAsync([.. command, "--help"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Description:", run.Out, StringComparison.Ordinal);
        Assert.Contains(example, run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stake", "bond")]
    [InlineData("stake", "delegate")]
    [InlineData("stake", "unbond")]
    [InlineData("stake", "withdraw")]
    [InlineData("stake", "unjail")]
    [InlineData("transfer")]
    [InlineData("deploy")]
    [InlineData("call")]
    public async Task Every_sending_command_takes_the_same_options_as_transfer(params string[] command)
    {
        var run = await CliRun.InvokeAsync([.. command, "--help"]);

        foreach (var option in new[] { "--key", "--fee", "--nonce", "--chain-id", "--wait", "--timeout", "--offline", "--json", "--gateway" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }
}
