using System.Text;
using System.Text.Json;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Grains;

/// <summary>Deploys, calls and queries contracts on the shared cluster through real transactions and the contract grain.</summary>
internal sealed class ContractKit(ClusterFixture fixture)
{
    public const ulong Gas = 20_000_000;

    public IShardGrain Shard => fixture.Client.GetGrain<IShardGrain>(ClusterDefaults.ShardZero);

    public IContractGrain Contract(Address address) => fixture.Client.GetGrain<IContractGrain>(address.ToString());

    public static byte[] Example(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Chain.sln")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllBytes(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Chain.sln above the test"), "contracts", "build", name + ".wasm"));
    }

    /// <summary>A fresh account holding <paramref name="amount"/> units from the faucet.</summary>
    public async Task<KeyPair> AccountAsync(ulong amount = 10_000_000)
    {
        var key = KeyPair.Generate();
        await fixture.FaucetLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            await SendAsync(fixture.Faucet, new Transfer(key.Address, amount), expectSuccess: true);
        }
        finally
        {
            fixture.FaucetLock.Release();
        }

        return key;
    }

    public async Task<(Address Address, Receipt Receipt)> DeployAsync(KeyPair sender, string example, string? args = null, Address? admin = null) =>
        await DeployAsync(sender, Example(example), args, admin);

    public async Task<(Address Address, Receipt Receipt)> DeployAsync(KeyPair sender, byte[] code, string? args = null, Address? admin = null)
    {
        var (_, receipt) = await SendAsync(sender, new Deploy(code, Bytes(args), admin, Gas), expectSuccess: true);
        return (new Address(receipt.Contract!.ReturnData), receipt);
    }

    public async Task<Receipt> CallAsync(KeyPair sender, Address contract, string method, string? args = null, bool expectSuccess = true, ulong gas = Gas) =>
        (await SendAsync(sender, new Call(contract, method, Bytes(args), 0, gas), expectSuccess)).Receipt;

    /// <summary>Queries and parses the JSON answer; fails the test unless the query succeeded.</summary>
    public async Task<JsonElement> QueryAsync(Address contract, string method, string? args = null)
    {
        var result = await Contract(contract).QueryAsync(method, Bytes(args), null, 0);
        Assert.True(result.Status == (int)ReceiptStatus.Success, $"{method}: {(ReceiptStatus)result.Status} {result.Message}");
        return JsonDocument.Parse(result.ReturnData).RootElement.Clone();
    }

    public async Task<(TransactionResult Result, Receipt Receipt)> SendAsync(KeyPair sender, TransactionPayload payload, bool expectSuccess)
    {
        var account = await Shard.GetAccountAsync(sender.Address.ToArray(), prove: false);
        var fee = payload is IContractPayload c ? 1 + ContractLimits.GasFee(c.GasLimit) : 1;
        var tx = new Transaction(ClusterFixture.ChainId, account.Nonce, sender.PublicKey, fee, payload).Sign(sender);
        var submitted = await fixture.Client.GetGrain<IAdmissionGrain>(0).SubmitAsync(tx.Encode());
        Assert.True(submitted.Accepted, submitted.Message);
        var result = await Shard.WaitForTransactionAsync(tx.Hash.ToArray(), TimeSpan.FromSeconds(20));
        Assert.Equal(TransactionStatus.Final, result.Status);
        var receipt = Receipt.Decode(result.Receipt);
        if (expectSuccess)
        {
            Assert.True(receipt.Status == ReceiptStatus.Success, $"{receipt.Status}: {Encoding.UTF8.GetString(receipt.Contract?.Message ?? [])}");
        }

        return (result, receipt);
    }

    public static string Message(Receipt receipt) => Encoding.UTF8.GetString(receipt.Contract!.Message);

    public static string Topic(ContractEventEntry e) => Encoding.UTF8.GetString(e.Topic);

    public static JsonElement Data(ContractEventEntry e) => JsonDocument.Parse(e.Data).RootElement.Clone();

    private static byte[] Bytes(string? json) => json is null ? [] : Encoding.UTF8.GetBytes(json);
}
