using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Contracts;

/// <summary>
/// Each failure mode ends its transaction with a typed status, gas charged, no partial write, and the next transaction
/// of the same block still runs.
/// </summary>
public sealed class ContractFailureTests
{
    public static TheoryData<string, ReceiptStatus> RuntimeFailures => new()
    {
        { "spin", ReceiptStatus.OutOfGas },
        { "grow", ReceiptStatus.Trapped },
        { "recurse", ReceiptStatus.StackExhausted },
        { "huge", ReceiptStatus.LimitExceeded },
        { "trap", ReceiptStatus.Trapped },
        { "oob", ReceiptStatus.Trapped },
    };

    public static TheoryData<string, ReceiptStatus> DeployFailures => new()
    {
        { "malformed", ReceiptStatus.InvalidModule },
        { "unknown import", ReceiptStatus.InvalidModule },
        { "wrong import signature", ReceiptStatus.InvalidModule },
        { "simd", ReceiptStatus.InvalidModule },
        { "threads", ReceiptStatus.InvalidModule },
        { "no memory export", ReceiptStatus.InvalidModule },
        { "initial memory above the cap", ReceiptStatus.InvalidModule },
    };

    [Theory]
    [MemberData(nameof(RuntimeFailures))]
    public void A_failing_method_ends_typed_with_gas_charged_no_writes_and_the_block_carries_on(string method, ReceiptStatus expected)
    {
        var bench = new ContractBench();
        var (_, hostile) = bench.Deploy(Fixtures.Hostile);
        var block = new[]
        {
            bench.Sign(1, new Call(hostile, method, [], 0, 2_000_000)),
            bench.Sign(2, new Call(hostile, "ok", [], 0, 2_000_000)),
        };
        var execution = BlockExecutor.Build(bench.State, bench.Context, null, block);
        Assert.Equal(2, execution.Receipts.Count);
        var failed = execution.Receipts[0];
        Assert.Equal(expected, failed.Status);
        Assert.True(failed.Contract!.GasUsed > GasScheduleFloor);
        Assert.True(failed.FeeCharged > bench.Chain.Parameters.MinFee);
        Assert.NotEmpty(failed.Contract.Message);
        Assert.Equal(ReceiptStatus.Success, execution.Receipts[1].Status);

        // Only the second transaction wrote "x".
        var overlay = new StateOverlay(bench.State);
        TransactionExecutor.Apply(overlay, bench.Context, block[0]);
        Assert.Null(overlay.Get(StateKeys.ContractStorage(hostile, "x"u8)));
        Assert.DoesNotContain(overlay.Changes(), c => c.Key[0] == StateKeys.ContractStorageSpace);
    }

    [Fact]
    public void An_infinite_loop_uses_exactly_its_gas_limit()
    {
        var bench = new ContractBench();
        var (_, hostile) = bench.Deploy(Fixtures.Hostile);
        var receipt = bench.Call(hostile, "spin", gas: 1_234_567);
        Assert.Equal(ReceiptStatus.OutOfGas, receipt.Status);
        Assert.Equal(1_234_567UL, receipt.Contract!.GasUsed);
        Assert.Equal(bench.Chain.Parameters.MinFee + ContractLimits.GasFee(1_234_567), receipt.FeeCharged);
    }

    [Theory]
    [MemberData(nameof(DeployFailures))]
    public void A_bad_module_is_refused_at_deploy_with_gas_charged_and_nothing_stored(string name, ReceiptStatus expected)
    {
        var code = name switch
        {
            "malformed" => Fixtures.Malformed,
            "unknown import" => Fixtures.Wasm(Fixtures.UnknownImportWat),
            "wrong import signature" => Fixtures.Wasm(Fixtures.WrongSignatureWat),
            "simd" => Fixtures.Wasm(Fixtures.SimdWat),
            "threads" => Fixtures.Wasm(Fixtures.ThreadsWat),
            "no memory export" => Fixtures.Wasm(Fixtures.NoMemoryWat),
            _ => Fixtures.Wasm(Fixtures.HugeMemoryWat),
        };
        var bench = new ContractBench();
        var before = bench.State.Changes().Count;
        var (receipt, address) = bench.Deploy(code);
        Assert.Equal(expected, receipt.Status);
        Assert.True(receipt.Contract!.GasUsed >= 100_000);
        Assert.Null(bench.State.Get(StateKeys.Contract(address)));
        Assert.DoesNotContain(bench.State.Changes(), c => c.Key[0] is StateKeys.ContractSpace or StateKeys.ContractCodeSpace);
        Assert.True(bench.State.Changes().Count >= before);
        Assert.Equal(ReceiptStatus.Success, bench.Deploy(Fixtures.Tiny, from: 1).Receipt.Status);
    }

    [Fact]
    public void Deploy_with_too_little_gas_for_its_code_is_out_of_gas()
    {
        var bench = new ContractBench();
        var (receipt, address) = bench.Deploy(Fixtures.Counter, gas: 1_000);
        Assert.Equal(ReceiptStatus.OutOfGas, receipt.Status);
        Assert.Equal(1_000UL, receipt.Contract!.GasUsed);
        Assert.Null(bench.State.Get(StateKeys.Contract(address)));
    }

    private const ulong GasScheduleFloor = 20_000;
}
