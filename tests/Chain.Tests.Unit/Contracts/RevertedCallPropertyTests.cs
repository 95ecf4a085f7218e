using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using CsCheck;

namespace Chain.Tests.Unit.Contracts;

public sealed class RevertedCallPropertyTests
{
    private static readonly string[] FailingMethods = ["fail_after_write", "reenter", "spin", "recurse", "huge", "trap", "grow"];

    [Fact]
    public void A_call_that_fails_changes_nothing_but_the_senders_nonce_and_balance_and_the_proposers_fee()
    {
        var bench = new ContractBench();
        var (_, counter) = bench.Deploy(Fixtures.Counter);
        var (_, hostile) = bench.Deploy(Fixtures.Hostile);
        Gen.Select(Gen.Int[0, FailingMethods.Length - 1], Gen.ULong[30_000, 3_000_000], Gen.Int[0, 3], Gen.ULong[0, 5_000])
            .Sample((m, gas, from, value) =>
            {
                var method = FailingMethods[m];
                var target = method is "fail_after_write" or "reenter" ? counter : hostile;
                var tx = bench.Sign(from, new Call(target, method, [], value, gas));
                var view = new StateOverlay(bench.State);
                var outcome = TransactionExecutor.Apply(view, bench.Context, tx);
                Assert.NotEqual(ReceiptStatus.Success, outcome.Receipt!.Status);
                var allowed = new[] { StateKeys.Account(tx.Body.SenderAddress), StateKeys.Account(bench.Context.Proposer) };
                Assert.All(view.Changes(), c => Assert.Contains(allowed, k => k.AsSpan().SequenceEqual(c.Key)));
                var sender = view.GetAccount(tx.Body.SenderAddress);
                Assert.Equal(bench.State.GetAccount(tx.Body.SenderAddress).Balance - outcome.Receipt.FeeCharged, sender.Balance);
                bench.State = MergeNonce(bench.State, view);
            }, iter: 40, threads: 1);
    }

    /// <summary>Keeps the nonce advance so the next sample's transaction is includable.</summary>
    private static StateOverlay MergeNonce(StateOverlay state, StateOverlay view)
    {
        foreach (var change in view.Changes())
        {
            state.Set(change.Key, change.Value);
        }

        return state;
    }
}
