using System.Text;
using System.Text.Json;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Grains.Sharding;

/// <summary>
/// An asynchronous cross-shard contract call through the real node (admission, validators, ledger, Wasmtime): two couriers
/// (contracts/examples/courier) on different shards of a 2-shard chain. Waiting for the call returns once its callback has run, and
/// the transaction shows the three legs: the call sent, the callee run (its callback receipt), the callback run.
/// </summary>
public sealed class AsyncCallLegsTests
{
    private const ushort Shards = 2;
    private const ulong Gas = 20_000_000;

    [Fact]
    public async Task A_call_to_a_contract_on_another_shard_settles_once_its_callback_ran_and_shows_its_three_legs()
    {
        using var owner = KeyPair.Generate();
        await using var bft = await BftCluster.StartAsync(options: new BftOptions(p => p with { ShardCount = Shards }, [owner.Address]));

        // Deploy couriers until there is one on each shard (a contract's address, and so its shard, follows from deployer and nonce).
        var couriers = new Dictionary<ushort, Address>();
        var code = ContractKit.Example("courier");
        while (couriers.Count < Shards)
        {
            var (_, receipt) = await SendAsync(bft, owner, new Deploy(code, [], null, Gas));
            var address = new Address(receipt.Contract!.ReturnData);
            couriers.TryAdd(ShardMap.ShardOf(address, Shards), address);
        }

        var (a, b) = (couriers[0], couriers[1]);
        var args = $$"""{"to":"{{b}}","method":"echo","message":"{\"text\":\"hi\"}","gas":2000000}""";
        var (result, sent) = await SendAsync(bft, owner, new Call(a, "send", Encoding.UTF8.GetBytes(args), 500, Gas));
        Assert.Equal(ReceiptStatus.Success, sent.Status);

        // WaitForTransaction (in SendAsync) returned only once the callback ran: nothing in flight, three legs in height order.
        Assert.False(result.InFlight);
        var legs = result.Legs!;
        Assert.Equal([CrossShardLegKind.CallSent, CrossShardLegKind.CallExecuted, CrossShardLegKind.CallbackRan], legs.Select(l => l.Kind));
        Assert.True(legs[0].Height == result.Height && legs[1].Height > legs[0].Height && legs[2].Height > legs[1].Height);
        var (call, executed, ran) = (ShardReceipt.Decode(legs[0].Receipt), ShardReceipt.Decode(legs[1].Receipt), ShardReceipt.Decode(legs[2].Receipt));
        Assert.Equal((ShardReceiptKind.Call, a, b, 500UL, "echo"), (call.Kind, call.From, call.To, call.Amount, call.Message!.Method));
        Assert.Equal((ShardReceiptKind.Callback, b, a, ReceiptStatus.Success, "on_reply"), (executed.Kind, executed.From, executed.To, executed.Message!.Status, executed.Message.Method));
        Assert.Equal(executed, ran); // the callback the callee sent is the one the caller ran
        Assert.All(new[] { call, executed }, r => Assert.Equal(result.TransactionHash, r.Origin.ToArray()));

        // The callee kept the value; the caller's callback recorded the reply.
        Assert.Equal(500UL, (await bft.Shard.GetAccountAsync(b.ToArray(), prove: false)).Balance);
        var last = await bft.Client.GetGrain<IContractGrain>(a.ToString()).QueryAsync("last", Encoding.UTF8.GetBytes("{}"), null, 0);
        Assert.Equal((int)ReceiptStatus.Success, last.Status);
        var reply = JsonDocument.Parse(last.ReturnData).RootElement;
        Assert.Equal(0, reply.GetProperty("status").GetInt32());
        Assert.Contains("hi", reply.GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.Empty(CrossShardAudit.SupplyHolds(bft.LedgerStore));
    }

    private static async Task<(TransactionResult Result, Receipt Receipt)> SendAsync(BftCluster bft, KeyPair sender, TransactionPayload payload)
    {
        var account = await bft.Shard.GetAccountAsync(sender.Address.ToArray(), prove: false);
        var fee = 1 + ContractLimits.GasFee(((IContractPayload)payload).GasLimit);
        var tx = new Transaction(BftCluster.ChainId, account.Nonce, sender.PublicKey, fee, payload).Sign(sender);
        var submitted = await bft.Client.GetGrain<IAdmissionGrain>(0).SubmitAsync(tx.Encode());
        Assert.True(submitted.Accepted, submitted.Message);
        var result = await bft.Shard.WaitForTransactionAsync(tx.Hash.ToArray(), TimeSpan.FromSeconds(20));
        Assert.Equal(TransactionStatus.Final, result.Status);
        var receipt = Receipt.Decode(result.Receipt);
        Assert.True(receipt.Status == ReceiptStatus.Success, $"{receipt.Status}: {Encoding.UTF8.GetString(receipt.Contract?.Message ?? [])}");
        return (result, receipt);
    }
}
