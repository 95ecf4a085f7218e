using System.Text.Json;
using Chain.Cli;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Client;

public sealed class BenchCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly KeyPair _sender = KeyPair.Generate();
    private readonly string _senderFile;
    private readonly FakeNode _node = new(new SetChanges(1, 1).Genesis);

    public BenchCommandTests()
    {
        _senderFile = _dir.File("sender.key");
        KeyFile.Write(_senderFile, _sender);
    }

    public void Dispose()
    {
        _sender.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Finality_sends_count_transfers_one_at_a_time_to_a_fresh_address_and_summarizes_the_latencies()
    {
        var run = await CliRun.AgainstAsync(_node, "bench", "finality", "--count", "5", "--key", _senderFile, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(5, _node.Submitted.Count);
        Assert.Equal([0UL, 1, 2, 3, 4], _node.Submitted.Select(t => t.Body.Nonce));
        var recipients = _node.Submitted.Select(t => Assert.IsType<Transfer>(t.Body.Payload).To).Distinct().ToArray();
        var recipient = Assert.Single(recipients);
        Assert.NotEqual(_sender.Address, recipient);
        Assert.All(_node.Submitted, t => Assert.True(_node.Final.ContainsKey(t.Hash)));

        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("count").GetInt32());
        Assert.Equal(5, root.GetProperty("samplesMs").GetArrayLength());
        var (median, p90, p99, max) = (Ms(root, "medianMs"), Ms(root, "p90Ms"), Ms(root, "p99Ms"), Ms(root, "maxMs"));
        Assert.True(median <= p90 && p90 <= p99 && p99 <= max, $"{median} {p90} {p99} {max}");
        Assert.Equal(recipient.ToString(), root.GetProperty("to").GetString());
        Assert.Contains("5/5", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("5/5", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_text_the_summary_names_each_statistic()
    {
        var run = await CliRun.AgainstAsync(_node, "bench", "finality", "--count", "2", "--key", _senderFile);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("time to finality over 2 transfers", run.Out, StringComparison.Ordinal);
        foreach (var name in new[] { "median", "p90", "p99", "max" })
        {
            Assert.Contains($"{name} ", run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    public async Task A_count_out_of_range_is_bad_input(string count)
    {
        var run = await CliRun.AgainstAsync(_node, "bench", "finality", "--count", count, "--key", _senderFile);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(_node.Submitted);
    }

    [Fact]
    public async Task A_sender_that_cannot_pay_for_the_run_is_refused_before_anything_is_sent()
    {
        _node.Balance = 5;

        var run = await CliRun.AgainstAsync(_node, "bench", "finality", "--count", "3", "--key", _senderFile);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("need 6", run.Error, StringComparison.Ordinal);
        Assert.Empty(_node.Submitted);
    }

    [Fact]
    public void Latencies_are_summarized_by_median_and_nearest_rank_percentiles()
    {
        var summary = LatencySummary.Of([.. Enumerable.Range(1, 100).Select(i => (double)i).Reverse()]);

        Assert.Equal(new LatencySummary(100, 1, 50.5, 50.5, 90, 99, 100), summary);
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_sample()
    {
        var summary = LatencySummary.Of([30.0, 10.0, 20.0]);

        Assert.Equal(20.0, summary.MedianMs);
        Assert.Equal(30.0, summary.P90Ms);
        Assert.Equal(30.0, summary.P99Ms);
    }

    private static double Ms(JsonElement root, string name) => root.GetProperty(name).GetDouble();
}
