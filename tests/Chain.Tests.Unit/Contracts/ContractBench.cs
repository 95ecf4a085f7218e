using Chain.Contracts;
using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Core;

namespace Chain.Tests.Unit.Contracts;

/// <summary>A funded test chain and a sequential state view with the shared contract host: transactions apply one by one.</summary>
internal sealed class ContractBench
{
    /// <summary>One host for the test process (it owns an engine and threads).</summary>
    public static readonly WasmContractHost Host = new(threads: 4);

    public const ulong Gas = 5_000_000;

    private readonly Dictionary<Address, ulong> _nonces = [];

    public ContractBench()
    {
        Chain = new TestChain(accounts: 4, balance: 10_000_000);
        State = new StateOverlay(Chain.Ledger);
        Context = new BlockContext(TestChain.Id, 2, 1_700_000_000_000, Chain.Validator.Address, Chain.Parameters) { Contracts = Host };
    }

    public TestChain Chain { get; }

    public StateOverlay State { get; set; }

    public BlockContext Context { get; }

    public KeyPair Key(int i) => Chain.Keys[i];

    public SignedTransaction Sign(int from, TransactionPayload payload)
    {
        var key = Key(from);
        var nonce = _nonces.GetValueOrDefault(key.Address);
        _nonces[key.Address] = nonce + 1;
        return new Transaction(TestChain.Id, nonce, key.PublicKey, ContractExecution.RequiredFee(Chain.Parameters.MinFee, payload), payload).Sign(key);
    }

    public Receipt Apply(SignedTransaction tx)
    {
        var outcome = TransactionExecutor.Apply(State, Context, tx);
        Assert.True(outcome.IsIncluded, $"refused: {outcome.Rejection}");
        return outcome.Receipt!;
    }

    public (Receipt Receipt, Address Contract) Deploy(byte[] code, int from = 0, byte[]? args = null, Address? admin = null, ulong gas = Gas)
    {
        var nonce = _nonces.GetValueOrDefault(Key(from).Address);
        var receipt = Apply(Sign(from, new Deploy(code, args ?? [], admin, gas)));
        return (receipt, ContractRecord.DeriveAddress(Key(from).Address, nonce));
    }

    public Receipt Call(Address contract, string method, byte[]? args = null, int from = 0, ulong value = 0, ulong gas = Gas) =>
        Apply(Sign(from, new Call(contract, method, args ?? [], value, gas)));

    public ContractResult Query(Address contract, string method, byte[]? args = null) =>
        Host.Query(State, Context, new ContractQuery(contract, method, args ?? [], Gas));

    public byte[]? Storage(Address contract, string key) => State.Get(StateKeys.ContractStorage(contract, System.Text.Encoding.ASCII.GetBytes(key)));

    public ulong Count(Address contract) => BitConverter.ToUInt64(Storage(contract, "count"));
}
