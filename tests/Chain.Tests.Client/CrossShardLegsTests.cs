using Chain.GrainInterfaces;
using static Chain.GrainInterfaces.CrossShardLegKind;

namespace Chain.Tests.Client;

/// <summary>When a cross-shard transfer or asynchronous call counts as settled: every flow opened was closed.</summary>
public sealed class CrossShardLegsTests
{
    public static TheoryData<CrossShardLegKind[], bool> Cases => new()
    {
        { [], false },
        { [Sent], true },
        { [Sent, Credited], false },
        { [Sent, Bounced], true },
        { [Sent, Bounced, Refunded], false },
        { [CallSent], true },
        { [CallSent, CallExecuted], true },
        { [CallSent, CallExecuted, CallbackRan], false },
        { [CallSent, CallSent, CallExecuted, CallbackRan], true }, // two calls, one answered
        { [CallSent, CallSent, CallExecuted, CallExecuted, CallbackRan, CallbackRan], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_transaction_is_in_flight_while_a_credit_or_call_it_sent_has_not_landed(CrossShardLegKind[] kinds, bool inFlight)
    {
        Assert.Equal(inFlight, CrossShardLegs.InFlight(kinds));
        var result = new TransactionResult(new byte[32], TransactionStatus.Final, 1, 0, null, null, null, null, [.. kinds.Select(k => new CrossShardLeg(k, 1, []))]);
        Assert.Equal(inFlight, result.InFlight);
    }
}
