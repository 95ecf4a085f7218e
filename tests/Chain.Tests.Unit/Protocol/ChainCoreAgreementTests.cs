using System.Text.Json.Nodes;
using Chain.Core.Blocks;
using Chain.Core.State;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Tests.Unit.Core;
using Chain.Tests.Unit.Protocol.Vectors;
using CsCheck;

namespace Chain.Tests.Unit.Protocol;

/// <summary>Chain.Core's state tree and genesis agree with docs/test-vectors and the spec's reference tree.</summary>
public sealed class ChainCoreAgreementTests
{
    [Fact]
    public void The_genesis_state_root_of_the_vectors_is_the_one_chain_core_computes()
    {
        var ledger = new MemoryLedger();
        // The vector covers the genesis accounts; staking records (Chain.Core/Staking) are not in it yet.
        ledger.Commit([.. GenesisState.Changes(VectorFixtures.Genesis()).Where(c => c.Key[0] == StateKeys.AccountSpace)]);
        var file = JsonNode.Parse(VectorFiles.Read("genesis.json"))!;
        Assert.Equal(Hash32.Parse((string)file["accountsStateRoot"]!), ledger.Root);
    }

    [Fact]
    public void Chain_core_builds_the_state_proof_vectors_byte_for_byte()
    {
        var file = JsonNode.Parse(VectorFiles.Read("state-proofs.json"))!;
        foreach (var tree in file["trees"]!.AsArray())
        {
            var ledger = new MemoryLedger();
            ledger.Commit([.. tree!["entries"]!.AsArray().Select(e => new StateChange(Convert.FromHexString((string)e!["key"]!), Convert.FromHexString((string)e["value"]!)))]);
            Assert.Equal(Hash32.Parse((string)tree["root"]!), ledger.Root);
            foreach (var proof in tree["proofs"]!.AsArray())
            {
                var key = Convert.FromHexString((string)proof!["key"]!);
                Assert.Equal((string)proof["encoding"]!, Convert.ToHexStringLower(ledger.Tree.Prove(ledger.Root, key).Encode()));
            }
        }
    }

    [Fact]
    public void Chain_core_and_the_reference_tree_agree_on_roots_and_proofs_for_random_states() =>
        Gen.Select(Gen.Byte.Array[1, 6], Gen.Byte.Array[0, 16]).Array[0, 60]
            .Select(es => es.DistinctBy(e => Convert.ToHexString(e.Item1)).ToArray())
            .Sample(entries =>
            {
                var ledger = new MemoryLedger();
                ledger.Commit([.. entries.Select(e => new StateChange(e.Item1, e.Item2))]);
                var reference = new ReferenceStateTree(entries);
                Assert.Equal(reference.Root, ledger.Root);
                foreach (var key in entries.Select(e => e.Item1).Append([0xfe, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe]))
                {
                    Assert.Equal(reference.Prove(key).Encode(), ledger.Tree.Prove(ledger.Root, key).Encode());
                }
            }, iter: 200);
}
