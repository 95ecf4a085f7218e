using Chain.Core.Admission;
using Chain.Core.Pool;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Core;
using static Chain.Tests.Unit.Staking.StakingTestData;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Tests.Unit.Staking;

public sealed class StakingAdmissionTests
{
    private readonly TestChain _chain = new(accounts: 2, balance: 1_000);

    private SignedTransaction Signed(TransactionPayload payload, ulong nonce = 0, ulong fee = 1) =>
        new Transaction(TestChain.Id, nonce, _chain.Keys[0].PublicKey, fee, payload).Sign(_chain.Keys[0]);

    [Fact]
    public void Every_staking_payload_with_sane_fields_is_admitted()
    {
        TransactionPayload[] payloads =
        [
            new Bond(10), new Delegate(_chain.Validator.Address, 10), new Unbond(_chain.Validator.Address, 10),
            new Withdraw(_chain.Validator.Address), new ReportEquivocation(Equivocation(_chain.Validator, 3)), new Unjail(),
        ];
        foreach (var payload in payloads)
        {
            var check = StatelessAdmission.Check(Signed(payload).Encode(), TestChain.Id);
            Assert.True(check.IsAccepted, $"{payload.Kind}: {check.Message}");
        }
    }

    [Fact]
    public void Zero_amounts_overflowing_amounts_and_bad_evidence_are_refused()
    {
        Assert.Equal(TxErrorCode.InvalidStakingPayload, StatelessAdmission.Check(Signed(new Bond(0)).Encode(), TestChain.Id).Error);
        Assert.Equal(TxErrorCode.InvalidStakingPayload, StatelessAdmission.Check(Signed(new Delegate(_chain.Validator.Address, 0)).Encode(), TestChain.Id).Error);
        Assert.Equal(TxErrorCode.InvalidStakingPayload, StatelessAdmission.Check(Signed(new Unbond(_chain.Validator.Address, 0)).Encode(), TestChain.Id).Error);
        Assert.Equal(TxErrorCode.AmountOverflow, StatelessAdmission.Check(Signed(new Bond(ulong.MaxValue)).Encode(), TestChain.Id).Error);
        Assert.Equal(TxErrorCode.AmountOverflow, StatelessAdmission.Check(Signed(new Delegate(_chain.Validator.Address, ulong.MaxValue)).Encode(), TestChain.Id).Error);
        var honest = Equivocation(_chain.Validator, 3);
        var forged = honest with { Second = honest.Second with { Validator = _chain.Keys[1].PublicKey } };
        var check = StatelessAdmission.Check(Signed(new ReportEquivocation(forged)).Encode(), TestChain.Id);
        Assert.Equal(TxErrorCode.InvalidStakingPayload, check.Error);
        Assert.Contains("different validators", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_rules_make_such_transactions_not_includable()
    {
        var block = _chain.Propose([Signed(new Bond(0)), Signed(new Unbond(_chain.Validator.Address, 0)), Signed(new Bond(ulong.MaxValue))]);
        Assert.Empty(block.Transactions);
        Assert.Equal([TxErrorCode.InvalidStakingPayload, TxErrorCode.InvalidStakingPayload, TxErrorCode.AmountOverflow], block.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void The_mempool_counts_bond_and_delegation_amounts_as_pending_spend_but_only_the_fee_of_other_staking_kinds()
    {
        var pool = new Mempool(capacity: 100);
        var account = new AccountState(100, 0);
        Assert.Equal(TxErrorCode.None, pool.TryAdd(Signed(new Bond(60), 0), account, 1).Error);
        Assert.Equal(TxErrorCode.InsufficientBalance, pool.TryAdd(Signed(new Delegate(_chain.Validator.Address, 39), 1), account, 1).Error);
        Assert.Equal(TxErrorCode.None, pool.TryAdd(Signed(new Delegate(_chain.Validator.Address, 37), 1), account, 1).Error);
        Assert.Equal(TxErrorCode.None, pool.TryAdd(Signed(new Unbond(_chain.Validator.Address, 5_000), 2), account, 1).Error);
        Assert.Equal(TxErrorCode.InsufficientBalance, pool.TryAdd(Signed(new Withdraw(_chain.Validator.Address), 3), account, 1).Error);
    }
}
