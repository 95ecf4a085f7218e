using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Contracts;

public sealed class ContractExecutionTests
{
    [Fact]
    public void A_counter_deploys_with_init_args_counts_emits_events_and_answers_queries()
    {
        var bench = new ContractBench();
        var (deployed, counter) = bench.Deploy(Fixtures.Counter, args: BitConverter.GetBytes(41UL));
        Assert.Equal(ReceiptStatus.Success, deployed.Status);
        Assert.Equal(counter.ToArray(), deployed.Contract!.ReturnData);
        Assert.Equal(41UL, bench.Count(counter));
        var record = ContractRecord.Decode(bench.State.Get(StateKeys.Contract(counter))!);
        Assert.Equal(new ContractRecord(ContractRecord.CodeHashOf(Fixtures.Counter), 1, null), record);
        Assert.Equal(Fixtures.Counter, bench.State.Get(StateKeys.ContractCode(record.CodeHash)));

        var called = bench.Call(counter, "increment", from: 1);
        Assert.Equal(ReceiptStatus.Success, called.Status);
        Assert.Equal(42UL, BitConverter.ToUInt64(called.Contract!.ReturnData));
        var e = Assert.Single(called.Contract.Events);
        Assert.Equal(counter, e.Contract);
        Assert.Equal("incremented"u8.ToArray(), e.Topic);
        Assert.Equal(BitConverter.GetBytes(42UL), e.Data);

        var query = bench.Query(counter, "get");
        Assert.Equal(ReceiptStatus.Success, query.Status);
        Assert.Equal(42UL, BitConverter.ToUInt64(query.ReturnData));
        Assert.True(query.GasUsed > 0);
    }

    [Fact]
    public void A_query_that_writes_fails_read_only_and_unknown_targets_fail_typed()
    {
        var bench = new ContractBench();
        var (_, counter) = bench.Deploy(Fixtures.Counter);
        Assert.Equal(ReceiptStatus.ReadOnlyViolation, bench.Query(counter, "increment").Status);
        Assert.Equal(0UL, bench.Count(counter));
        Assert.Equal(ReceiptStatus.UnknownMethod, bench.Query(counter, "nothing").Status);
        Assert.Equal(ReceiptStatus.UnknownMethod, bench.Query(counter, "init").Status);
        Assert.Equal(ReceiptStatus.UnknownContract, bench.Query(bench.Key(3).Address, "get").Status);
        Assert.Equal(ReceiptStatus.UnknownMethod, bench.Call(counter, "nothing").Status);
        Assert.Equal(ReceiptStatus.UnknownContract, bench.Call(bench.Key(3).Address, "get").Status);
    }

    [Fact]
    public void A_callee_that_reverts_rolls_back_only_its_own_writes_and_events_and_the_caller_sees_status_1()
    {
        var bench = new ContractBench();
        var (_, caller) = bench.Deploy(Fixtures.Counter);
        var (_, callee) = bench.Deploy(Fixtures.Counter, args: BitConverter.GetBytes(7UL));

        var failed = bench.Call(caller, "call_other", [.. callee.ToArray(), .. "fail_after_write"u8]);
        Assert.Equal(ReceiptStatus.Success, failed.Status);
        Assert.Equal(1, BitConverter.ToInt32(failed.Contract!.ReturnData));
        Assert.Empty(failed.Contract.Events);
        Assert.Equal(7UL, bench.Count(callee));
        Assert.Equal(BitConverter.GetBytes(1), bench.Storage(caller, "mark"));

        var ok = bench.Call(caller, "call_other", [.. callee.ToArray(), .. "increment"u8]);
        Assert.Equal(0, BitConverter.ToInt32(ok.Contract!.ReturnData));
        Assert.Equal(8UL, bench.Count(callee));
        Assert.Equal(callee, Assert.Single(ok.Contract.Events).Contract);

        var missing = bench.Call(caller, "call_other", [.. callee.ToArray(), .. "missing"u8]);
        Assert.Equal(2, BitConverter.ToInt32(missing.Contract!.ReturnData));
    }

    [Fact]
    public void Re_entrancy_is_refused_and_fails_the_whole_transaction()
    {
        var bench = new ContractBench();
        var (_, counter) = bench.Deploy(Fixtures.Counter);
        var receipt = bench.Call(counter, "reenter");
        Assert.Equal(ReceiptStatus.Reentrancy, receipt.Status);
        Assert.True(receipt.Contract!.GasUsed > 0);
    }

    [Fact]
    public void The_admin_upgrades_the_code_keeping_storage_and_anyone_else_is_refused()
    {
        var bench = new ContractBench();
        var admin = bench.Key(1).Address;
        var (_, counter) = bench.Deploy(Fixtures.Counter, args: BitConverter.GetBytes(5UL), admin: admin);
        Assert.Equal(ReceiptStatus.UnknownMethod, bench.Call(counter, "v2").Status);

        var refused = bench.Apply(bench.Sign(2, new Upgrade(counter, Fixtures.CounterV2, ContractBench.Gas)));
        Assert.Equal(ReceiptStatus.NotAdmin, refused.Status);
        Assert.Equal(1U, ContractRecord.Decode(bench.State.Get(StateKeys.Contract(counter))!).Version);

        var upgraded = bench.Apply(bench.Sign(1, new Upgrade(counter, Fixtures.CounterV2, ContractBench.Gas)));
        Assert.Equal(ReceiptStatus.Success, upgraded.Status);
        var record = ContractRecord.Decode(bench.State.Get(StateKeys.Contract(counter))!);
        Assert.Equal((2U, ContractRecord.CodeHashOf(Fixtures.CounterV2)), (record.Version, record.CodeHash));
        Assert.NotNull(bench.State.Get(StateKeys.ContractCode(ContractRecord.CodeHashOf(Fixtures.Counter))));
        Assert.Equal(ReceiptStatus.Success, bench.Call(counter, "v2").Status);
        Assert.Equal(5UL, bench.Count(counter));

        var (_, noAdmin) = bench.Deploy(Fixtures.Counter);
        Assert.Equal(ReceiptStatus.NotAdmin, bench.Apply(bench.Sign(0, new Upgrade(noAdmin, Fixtures.CounterV2, ContractBench.Gas))).Status);
    }

    [Fact]
    public void Value_sent_with_a_call_reaches_the_contract_and_unused_gas_is_refunded()
    {
        var bench = new ContractBench();
        var (_, counter) = bench.Deploy(Fixtures.Counter);
        var sender = bench.Key(2).Address;
        var before = bench.State.GetAccount(sender).Balance;
        var tx = bench.Sign(2, new Call(counter, "increment", [], 1_000, ContractBench.Gas));
        var receipt = bench.Apply(tx);
        Assert.Equal(ReceiptStatus.Success, receipt.Status);
        Assert.Equal(1_000UL, bench.State.GetAccount(counter).Balance);
        var expectedFee = bench.Chain.Parameters.MinFee + ContractLimits.GasFee(receipt.Contract!.GasUsed);
        Assert.Equal(expectedFee, receipt.FeeCharged);
        Assert.True(receipt.FeeCharged < tx.Body.Fee);
        Assert.Equal(before - 1_000 - receipt.FeeCharged, bench.State.GetAccount(sender).Balance);
    }

    [Fact]
    public void A_contract_transaction_without_a_host_is_a_configuration_error_not_a_silent_difference()
    {
        var bench = new ContractBench();
        var tx = bench.Sign(0, new Deploy(Fixtures.Counter, [], null, ContractBench.Gas));
        Assert.Throws<InvalidOperationException>(() => TransactionExecutor.Apply(bench.State, bench.Context with { Contracts = null }, tx));
    }

    [Fact]
    public void A_fee_below_min_fee_plus_the_gas_limit_fee_is_refused()
    {
        var bench = new ContractBench();
        var payload = new Deploy(Fixtures.Counter, [], null, ContractBench.Gas);
        var key = bench.Key(0);
        var tx = new Chain.Protocol.Transactions.Transaction(bench.Context.ChainId, 0, key.PublicKey, ContractExecution.RequiredFee(1, payload) - 1, payload).Sign(key);
        Assert.Equal(TxErrorCode.FeeTooLow, TransactionExecutor.Apply(bench.State, bench.Context, tx).Rejection);
    }
}
