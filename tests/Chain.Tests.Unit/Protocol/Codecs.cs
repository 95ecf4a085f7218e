using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using CsCheck;

namespace Chain.Tests.Unit.Protocol;

/// <summary>Every canonical decoder of the protocol, with a generator of valid encodings for it.</summary>
internal static class Codecs
{
    public static readonly IReadOnlyDictionary<string, (Gen<byte[]> Valid, Func<byte[], byte[]> DecodeAndEncode)> All =
        new Dictionary<string, (Gen<byte[]>, Func<byte[], byte[]>)>(StringComparer.Ordinal)
        {
            ["signed transaction"] = (ProtocolGenerators.SignedTransaction.Select(t => t.Encode()), b => SignedTransaction.Decode(b).Encode()),
            ["header"] = (ProtocolGenerators.Header.Select(h => h.Encode()), b => BlockHeader.Decode(b).Encode()),
            ["validator set"] = (ProtocolGenerators.ValidatorSet.Select(s => s.Encode()), b => ValidatorSet.Decode(b).Encode()),
            ["certificate"] = (ProtocolGenerators.Certificate.Select(c => c.Encode()), b => QuorumCertificate.Decode(b).Encode()),
            ["receipt"] = (ProtocolGenerators.Receipt.Select(r => r.Encode()), b => Receipt.Decode(b).Encode()),
            ["block"] = (ProtocolGenerators.Block.Select(f => f.Encode()), b => Block.Decode(b).Encode()),
            ["finalized block"] = (ProtocolGenerators.FinalizedBlock.Select(f => f.Encode()), b => FinalizedBlock.Decode(b).Encode()),
            ["signed vote"] = (ProtocolGenerators.SignedVote.Select(v => v.Encode()), b => SignedVote.Decode(b).Encode()),
            ["consensus message"] = (ProtocolGenerators.ConsensusMessage.Select(m => m.Encode()), b => ConsensusMessage.Decode(b).Encode()),
            ["duplicate vote evidence"] = (ProtocolGenerators.Evidence.Select(e => e.Encode()), b => DuplicateVoteEvidence.Decode(b).Encode()),
            ["state proof"] = (ProtocolGenerators.StateProof.Select(p => p.Encode()), b => StateProof.Decode(b).Encode()),
            ["genesis"] = (ProtocolGenerators.Genesis.Select(g => g.Encode()), b => GenesisDocument.Decode(b).Encode()),
            ["shard receipt"] = (ProtocolGenerators.ShardReceipt.Select(r => r.Encode()), b => ShardReceipt.Decode(b).Encode()),
            ["incoming receipt"] = (ProtocolGenerators.IncomingReceipt.Select(r => r.Encode()), b => IncomingReceipt.Decode(b).Encode()),
            ["chunk header"] = (ProtocolGenerators.ChunkHeader.Select(c => c.Encode()), b => ChunkHeader.Decode(b).Encode()),
            ["account state"] = (ProtocolGenerators.AccountState.Select(a => a.Encode()), b => AccountState.Decode(b).Encode()),
        };

    public static TheoryData<string> Kinds => [.. All.Keys];
}
