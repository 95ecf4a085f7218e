using Chain.Protocol.Blocks;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Protocol.Vectors;

/// <summary>Contract payloads (kinds 8 to 10) and a receipt with a contract section.</summary>
internal static partial class VectorFixtures
{
    /// <summary>The smallest module with an exported memory: <c>(module (memory (export "memory") 1))</c>.</summary>
    public static readonly byte[] TinyModule =
        [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x0a, 0x01, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00];

    /// <summary>Seed 0x02 deploys the tiny module with init args "{}" and seed 0x03 as admin, nonce 1, gas 200 000, fee 201.</summary>
    public static SignedTransaction DeployTransaction() =>
        Signed(2, nonce: 1, fee: 201, new Deploy(TinyModule, "{}"u8.ToArray(), AddressOf(3), 200_000));

    /// <summary>Seed 0x03 deploys without an admin and without init args, nonce 0, gas 150 000, fee 151.</summary>
    public static SignedTransaction DeployWithoutAdminTransaction() =>
        Signed(3, nonce: 0, fee: 151, new Deploy(TinyModule, [], null, 150_000));

    /// <summary>Seed 0x02 calls "transfer" on the contract seed 0x02 deployed at nonce 1, with JSON args and 7 units, gas 50 000.</summary>
    public static SignedTransaction CallTransaction() =>
        Signed(2, nonce: 2, fee: 51, new Call(ContractRecord.DeriveAddress(AddressOf(2), 1), "transfer", """{"to":"x","amount":"5"}"""u8.ToArray(), 7, 50_000));

    /// <summary>Seed 0x03 (the admin) upgrades that contract to the same tiny module, gas 100 000.</summary>
    public static SignedTransaction UpgradeTransaction() =>
        Signed(3, nonce: 1, fee: 101, new Upgrade(ContractRecord.DeriveAddress(AddressOf(2), 1), TinyModule, 100_000));

    /// <summary>A receipt of the call: success, gas 1234, return data, one event.</summary>
    public static Receipt ContractReceipt(SignedTransaction tx) => new(tx.Hash, ReceiptStatus.Success, 3, new ContractOutcome(
        1_234, "ok"u8.ToArray(), [], [new ContractEvent(ContractRecord.DeriveAddress(AddressOf(2), 1), "transfer"u8.ToArray(), [0x01, 0x02])]));

    /// <summary>A receipt of a reverted call: status 12, its reason, no events.</summary>
    public static Receipt RevertedReceipt(SignedTransaction tx) =>
        new(tx.Hash, ReceiptStatus.Reverted, 51, new ContractOutcome(50_000, [], "insufficient balance"u8.ToArray(), []));
}
