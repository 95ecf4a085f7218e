using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Grains;

public sealed class ContractFailureTests(ClusterFixture fixture)
{
    private const string SpinWat = """
        (module
          (import "env" "storage_write" (func $write (param i32 i32 i32 i32)))
          (memory (export "memory") 1)
          (func (export "spin") (call $write (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 1)) (loop $l (br $l)))
          (func (export "boom") unreachable))
        """;

    private readonly ContractKit _kit = new(fixture);

    [Fact]
    public async Task A_failing_contract_transaction_ends_with_its_typed_reason_and_the_good_ones_submitted_with_it_succeed()
    {
        using var alice = await _kit.AccountAsync();
        using var bob = await _kit.AccountAsync();
        var (hostile, _) = await _kit.DeployAsync(alice, Wasmtime.Module.ConvertText(SpinWat));
        var (token, _) = await _kit.DeployAsync(bob, "token", """{"name":"F","symbol":"F","supply":"9"}""");
        var aliceNonce = (await _kit.Shard.GetAccountAsync(alice.Address.ToArray(), false)).Nonce;
        var bobNonce = (await _kit.Shard.GetAccountAsync(bob.Address.ToArray(), false)).Nonce;
        SignedTransaction Tx(Chain.Protocol.Crypto.KeyPair key, ulong nonce, Call call) =>
            new Transaction(ClusterFixture.ChainId, nonce, key.PublicKey, 1 + ContractLimits.GasFee(call.GasLimit), call).Sign(key);
        var spin = Tx(alice, aliceNonce, new Call(hostile, "spin", [], 0, 300_000));
        var boom = Tx(alice, aliceNonce + 1, new Call(hostile, "boom", [], 0, 300_000));
        var good = Tx(bob, bobNonce, new Call(token, "transfer", System.Text.Encoding.UTF8.GetBytes($$"""{"to":"{{alice.Address}}","amount":"4"}"""), 0, 1_000_000));

        var submitted = await fixture.Client.GetGrain<IAdmissionGrain>(0).SubmitBatchAsync([spin.Encode(), boom.Encode(), good.Encode()]);
        Assert.All(submitted, s => Assert.True(s.Accepted, s.Message));
        var results = await Task.WhenAll(new[] { spin, boom, good }.Select(t => _kit.Shard.WaitForTransactionAsync(t.Hash.ToArray(), TimeSpan.FromSeconds(20))));
        var receipts = results.Select(r => Receipt.Decode(r.Receipt)).ToArray();

        Assert.Equal((ReceiptStatus.OutOfGas, 300_000UL), (receipts[0].Status, receipts[0].Contract!.GasUsed));
        Assert.Equal(ReceiptStatus.Trapped, receipts[1].Status);
        Assert.Equal(ReceiptStatus.Success, receipts[2].Status);
        Assert.Equal(1 + ContractLimits.GasFee(300_000), receipts[0].FeeCharged);
        Assert.Equal("4", (await _kit.QueryAsync(token, "balance_of", $$"""{"owner":"{{alice.Address}}"}""")).GetProperty("balance").GetString());
        var info = await _kit.Contract(hostile).GetInfoAsync();
        Assert.Equal(0UL, info.StorageChangedHeight); // the write before the loop did not survive
        Assert.Equal(0UL, info.EventCount);
    }
}
