namespace Chain.Tests.Grains;

/// <summary>
/// Validators are driven by their own activations' timers, so a validator Orleans deactivates must come back
/// by itself. Orleans does this to live activations when a silo dies or stops: every activation whose grain
/// directory entry that silo held is deactivated, on every survivor at once (the three-silo SIGKILL test
/// stalled for good when that hit all survivors).
/// </summary>
public sealed class ValidatorRestartTests
{
    [Fact]
    public async Task Validators_the_runtime_deactivates_come_back_by_themselves_and_keep_finalizing()
    {
        await using var bft = await BftCluster.StartAsync();
        var before = await bft.WaitForHeightAsync(2);

        for (var i = 0; i < 4; i++)
        {
            await bft.Cluster.DeactivateAsync(bft.Validator(i).GetGrainId());
        }

        // Only the ledger is asked from here on: no call reaches a validator from outside its silo.
        await bft.WaitForHeightAsync(before.Height + 3);
    }
}
