using Chain.Contracts;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;
using CsCheck;

namespace Chain.Tests.Unit.Contracts;

public sealed class ContractGasTests
{
    /// <summary>
    /// The tiny fixture's <c>ok</c>: call base + code load per byte + 6 fuel of wasm (four <c>i32.const</c>, the
    /// <c>call</c>, the function's <c>end</c>) + one host call + a storage write of 1 key byte and 1 value byte. A change to Wasmtime's fuel accounting or
    /// to the schedule breaks this on purpose (the Wasmtime version is a consensus parameter).
    /// </summary>
    [Fact]
    public void The_tiny_fixture_costs_exactly_what_the_schedule_says()
    {
        var bench = new ContractBench();
        var (_, tiny) = bench.Deploy(Fixtures.Tiny);
        var receipt = bench.Call(tiny, "ok");
        Assert.Equal(ReceiptStatus.Success, receipt.Status);
        var expected = GasSchedule.CallBase + (GasSchedule.LoadPerCodeByte * (ulong)Fixtures.Tiny.Length) + 6
            + GasSchedule.HostCall + GasSchedule.StorageWriteBase + (2 * GasSchedule.StorageWritePerByte);
        Assert.Equal(expected, receipt.Contract!.GasUsed);
        Assert.Equal(100, Fixtures.Tiny.Length);
        Assert.Equal(25_406UL, receipt.Contract.GasUsed);
    }

    [Fact]
    public void The_same_calls_use_the_same_gas_on_every_run()
    {
        Gen.Int[1, 6].Sample(increments =>
        {
            (ulong[], ulong[]) Run()
            {
                var bench = new ContractBench();
                var (deploy, counter) = bench.Deploy(Fixtures.Counter);
                var (_, hostile) = bench.Deploy(Fixtures.Hostile);
                var gas = new List<ulong> { deploy.Contract!.GasUsed };
                for (var i = 0; i < increments; i++)
                {
                    gas.Add(bench.Call(counter, "increment").Contract!.GasUsed);
                }

                gas.Add(bench.Call(counter, "fail_after_write").Contract!.GasUsed);
                gas.Add(bench.Call(hostile, "recurse").Contract!.GasUsed);
                gas.Add(bench.Call(hostile, "grow").Contract!.GasUsed);
                var fees = new[] { bench.Call(counter, "get").FeeCharged };
                return (gas.ToArray(), fees);
            }

            var first = Run();
            var second = Run();
            Assert.Equal(first.Item1, second.Item1);
            Assert.Equal(first.Item2, second.Item2);
        }, iter: 4);
    }

    [Fact]
    public void Gas_fee_rounds_up_and_refunds_never_exceed_the_fee()
    {
        Gen.ULong[1, ContractLimits.MaxGasLimit].Sample(limit =>
        {
            Assert.True(ContractLimits.GasFee(limit) * ContractLimits.GasPerFeeUnit >= limit);
            Assert.True((ContractLimits.GasFee(limit) - 1) * ContractLimits.GasPerFeeUnit < limit);
        });
    }
}
