using Chain.Storage;
using CsCheck;

namespace Chain.Tests.Unit.Storage;

/// <summary>The reference backend and RocksDB agree: after the same random batches they hold the same entries.</summary>
public sealed class BackendAgreementTests
{
    // A small key alphabet (with the bytes where signed and unsigned order differ) makes overwrites,
    // deletes of present keys and shared prefixes common.
    private static readonly Gen<byte[]> Key =
        Gen.OneOf<byte>(0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff).Array[0, 3];

    private static readonly Gen<byte[]> Value = Gen.Byte.Array[0, 6];

    private static readonly Gen<WriteOperation> Operation = Gen.Frequency(
        (3, Gen.Select(Key, Value, (k, v) => new WriteOperation(k, v))),
        (1, Key.Select(k => new WriteOperation(k, null))));

    private static readonly Gen<(WriteOperation[][] Batches, byte[] Prefix)> Scenario =
        Gen.Select(Operation.Array[0, 8].Array[1, 8], Key);

    [Fact]
    public void RocksDb_and_the_in_memory_store_hold_the_same_entries_after_any_batches()
    {
        Scenario.Sample(scenario =>
        {
            using var rocks = StoreBackend.RocksDb();
            using var memory = StoreBackend.InMemory();
            var rocksStore = rocks.Open();
            var memoryStore = memory.Open();

            foreach (var operations in scenario.Batches)
            {
                var batch = new WriteBatch();
                foreach (var (key, value) in operations)
                {
                    _ = value is null ? batch.Delete(key) : batch.Put(key, value);
                }

                rocksStore.Write(batch, durable: false);
                memoryStore.Write(batch, durable: false);
            }

            Assert.Equal(Render(memoryStore.ScanPrefix([])), Render(rocksStore.ScanPrefix([])));
            Assert.Equal(Render(memoryStore.ScanPrefix(scenario.Prefix)), Render(rocksStore.ScanPrefix(scenario.Prefix)));
            foreach (var key in scenario.Batches.SelectMany(b => b).Select(o => o.Key))
            {
                Assert.Equal(Hex(memoryStore.Get(key)), Hex(rocksStore.Get(key)));
            }
        }, iter: 200, threads: 1, print: Print);
    }

    private static List<string> Render(IEnumerable<KeyValuePair<byte[], byte[]>> entries) =>
        [.. entries.Select(e => $"{Convert.ToHexString(e.Key)}={Convert.ToHexString(e.Value)}")];

    private static string Hex(byte[]? value) => value is null ? "(none)" : Convert.ToHexString(value);

    private static string Print((WriteOperation[][] Batches, byte[] Prefix) scenario) =>
        string.Join(" | ", scenario.Batches.Select(b => string.Join(", ", b.Select(o =>
            o.Value is null ? $"del {Convert.ToHexString(o.Key)}" : $"put {Convert.ToHexString(o.Key)}={Convert.ToHexString(o.Value)}"))))
        + $" ; prefix {Convert.ToHexString(scenario.Prefix)}";
}
