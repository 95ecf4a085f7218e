using Chain.Core;
using Chain.Core.State;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using CsCheck;

namespace Chain.Tests.Unit.Core;

public sealed class SparseMerkleTreeTests
{
    // Small key space so batches overwrite and delete keys that exist.
    private static readonly Gen<byte[]> Key = Gen.Byte[0, 40].Select(b => new[] { (byte)1, b });
    private static readonly Gen<byte[]?> Value = Gen.Frequency((3, Gen.Byte.Array[1, 8].Select(v => (byte[]?)v)), (1, Gen.Const((byte[]?)null)));
    private static readonly Gen<List<StateChange>> Batch = Gen.Select(Key, Value, (k, v) => new StateChange(k, v)).List[0, 30]
        .Select(list => list.GroupBy(c => Convert.ToHexString(c.Key), StringComparer.Ordinal).Select(g => g.Last()).ToList());

    [Fact]
    public void The_root_depends_only_on_the_final_contents_not_on_history()
    {
        Batch.List[1, 6].Sample(batches =>
        {
            var incremental = new MemoryLedger();
            var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
            foreach (var batch in batches)
            {
                incremental.Commit(batch);
                foreach (var c in batch)
                {
                    if (c.Value is null)
                    {
                        model.Remove(c.Key);
                    }
                    else
                    {
                        model[c.Key] = c.Value;
                    }
                }
            }

            var rebuilt = new MemoryLedger();
            rebuilt.Commit([.. model.Reverse().Select(p => new StateChange(p.Key, p.Value))]);
            Assert.Equal(rebuilt.Root, incremental.Root);
            Assert.Equal(model.Count == 0, incremental.Root.IsZero);
            foreach (var (k, v) in model)
            {
                Assert.Equal(v, incremental.Tree.Get(incremental.Root, k));
            }
        }, iter: 300);
    }

    [Fact]
    public void Proofs_verify_for_present_and_absent_keys_against_the_root()
    {
        Batch.Sample(batch =>
        {
            var ledger = new MemoryLedger();
            ledger.Commit(batch);
            for (byte b = 0; b <= 40; b++)
            {
                var key = new[] { (byte)1, b };
                var proof = ledger.Tree.Prove(ledger.Root, key);
                var expected = ledger.Tree.Get(ledger.Root, key);
                var verdict = StateProof.Decode(proof.Encode()).Verify(ledger.Root);
                Assert.Equal(expected is null ? StateProofResult.Excluded : StateProofResult.Included, verdict);
                Assert.Equal(expected, proof.Value);
            }
        }, iter: 200);
    }

    [Fact]
    public void A_tampered_proof_never_verifies()
    {
        Gen.Select(Batch.Where(b => b.Count(c => c.Value is not null) >= 2), Gen.Byte[0, 40], Gen.Int[0, 4], Gen.Int[0, 255]).Sample((batch, keyByte, how, where) =>
        {
            var ledger = new MemoryLedger();
            ledger.Commit(batch);
            var key = new[] { (byte)1, keyByte };
            var proof = ledger.Tree.Prove(ledger.Root, key);
            StateProof? forged = how switch
            {
                0 when proof.Value is not null => proof with { Value = [.. proof.Value, 0] },
                0 => proof with { Value = [7] },
                1 when proof.Siblings.Count > 0 => proof with { Siblings = [.. proof.Siblings.Select((s, i) => i == where % proof.Siblings.Count ? Flip(s) : s)] },
                2 when proof.Value is not null => proof with { Key = [2, keyByte] },
                3 => proof with { Siblings = [.. proof.Siblings, Hash32.Zero] },
                4 when proof.Value is not null => proof with { Value = null },
                _ => null,
            };
            if (forged is not null)
            {
                Assert.Equal(StateProofResult.Invalid, forged.Verify(ledger.Root));
            }
        }, iter: 500);
    }

    [Fact]
    public void A_tree_of_n_keys_is_about_log2_n_deep_thanks_to_path_compression()
    {
        var ledger = new MemoryLedger();
        var changes = Enumerable.Range(0, 4096)
            .Select(i => new StateChange(BitConverter.GetBytes(i), [1]))
            .ToList();
        ledger.Commit(changes);
        var depths = Enumerable.Range(0, 4096).Select(i => ledger.Tree.Prove(ledger.Root, BitConverter.GetBytes(i)).Siblings.Count).ToArray();
        Assert.True(depths.Max() <= 30, $"max depth {depths.Max()}");
        Assert.InRange(depths.Average(), 10, 16);
    }

    [Fact]
    public void Deleting_every_key_returns_the_empty_root()
    {
        var ledger = new MemoryLedger();
        ledger.Commit([.. Enumerable.Range(0, 50).Select(i => new StateChange([(byte)i], [(byte)i]))]);
        Assert.False(ledger.Root.IsZero);
        ledger.Commit([.. Enumerable.Range(0, 50).Select(i => new StateChange([(byte)i], null))]);
        Assert.True(ledger.Root.IsZero);
    }

    [Fact]
    public void A_single_key_tree_has_the_leaf_hash_as_its_root()
    {
        var ledger = new MemoryLedger();
        ledger.Commit([new StateChange([1, 2, 3], [9])]);
        Assert.Equal(SparseMerkle.LeafHash(SparseMerkle.KeyHash([1, 2, 3]), SparseMerkle.ValueHash([9])), ledger.Root);
    }

    [Fact]
    public void Changing_one_key_twice_in_an_update_is_refused()
    {
        var ledger = new MemoryLedger();
        Assert.Throws<ArgumentException>(() => ledger.Tree.Update(Hash32.Zero, [new StateChange([1], [1]), new StateChange([1], [2])]));
    }

    private static Hash32 Flip(Hash32 h)
    {
        var bytes = h.ToArray();
        bytes[0] ^= 0x80;
        return new Hash32(bytes);
    }
}
