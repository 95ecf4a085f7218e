using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Blocks;

/// <summary>
/// A block header (docs/protocol.md §5). <see cref="StateRoot"/> is the state after executing this
/// block's transactions; the block hash is <c>Tagged("chain/header/v1", encode(header))</c>, and a
/// <see cref="QuorumCertificate"/> over that hash makes the block final.
/// <see cref="ValidatorSetHash"/> names the set that certifies this block and <see cref="NextValidatorSetHash"/>
/// the set that certifies the next one, so a light client can follow set changes from genesis.
/// <see cref="LastCertificateHash"/> commits to the parent's certificate that the block carries
/// (<c>Tagged("chain/certificate/v1", encode(qc))</c>, zero at height 1): rewards and downtime are computed from it.
/// <see cref="ChunksRoot"/> commits to every shard's chunk header (<see cref="Sharding.ChunkHeader.Root"/>, docs/protocol.md §13.2).
/// </summary>
public sealed record BlockHeader(
    string ChainId,
    ulong Height,
    Hash32 PreviousHash,
    long TimeUnixMs,
    Hash32 TransactionsRoot,
    Hash32 ReceiptsRoot,
    Hash32 StateRoot,
    Hash32 ValidatorSetHash,
    Hash32 NextValidatorSetHash,
    Hash32 LastCertificateHash,
    Address Proposer,
    uint TransactionCount,
    Hash32 ChunksRoot = default)
{
    public const byte CurrentVersion = 1;
    public const int EncodedMaxBytes = 1 + 1 + ProtocolLimits.MaxChainIdLength + 8 + 32 + 8 + (7 * 32) + Address.Size + 4;

    public Hash32 Hash() => Hashing.Tagged(HashTags.BlockHeader, Encode());

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedMaxBytes);
        w.WriteU8(CurrentVersion);
        w.WriteAscii(ChainId);
        w.WriteU64(Height);
        w.WriteFixed(PreviousHash.ToArray());
        w.WriteI64(TimeUnixMs);
        w.WriteFixed(TransactionsRoot.ToArray());
        w.WriteFixed(ReceiptsRoot.ToArray());
        w.WriteFixed(StateRoot.ToArray());
        w.WriteFixed(ValidatorSetHash.ToArray());
        w.WriteFixed(NextValidatorSetHash.ToArray());
        w.WriteFixed(LastCertificateHash.ToArray());
        w.WriteFixed(Proposer.ToArray());
        w.WriteU32(TransactionCount);
        w.WriteFixed(ChunksRoot.ToArray());
        return w.ToArray();
    }

    public static BlockHeader Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var header = Read(ref r);
        r.EnsureEnd();
        return header;
    }

    internal static BlockHeader Read(ref CanonicalReader r)
    {
        var version = r.ReadU8();
        if (version != CurrentVersion)
        {
            throw new DecodeException($"unsupported header version {version}");
        }

        return new BlockHeader(
            r.ReadAscii(ProtocolLimits.MaxChainIdLength),
            r.ReadU64(),
            new Hash32(r.ReadFixed(32)),
            r.ReadI64(),
            new Hash32(r.ReadFixed(32)),
            new Hash32(r.ReadFixed(32)),
            new Hash32(r.ReadFixed(32)),
            new Hash32(r.ReadFixed(32)),
            new Hash32(r.ReadFixed(32)),
            new Hash32(r.ReadFixed(32)),
            new Address(r.ReadFixed(Address.Size)),
            r.ReadU32(),
            new Hash32(r.ReadFixed(32)));
    }
}
