using Chain.Protocol;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Core.Consensus;

/// <summary>
/// The state a validator must not forget across a restart: where it is (height, round, step) and its lock
/// (<see cref="LockedRound"/>, <see cref="LockedHash"/>) and valid value (<see cref="ValidRound"/>, <see cref="ValidValue"/>).
/// The host persists it before every signature the machine asks for and passes it back to
/// <see cref="ConsensusMachine.StartHeight"/> after a restart. A round of -1 means "none"; then the hash is zero
/// or the value null.
/// Encoding: <c>version u8 (1) | height u64 | round u32 | step u8 | lockedRound i64 | lockedHash 32 | validRound i64 |
/// hasValid u8 | [validHash 32 | validBytes (u32 length, ≤ MaxBlockBytes)]</c>.
/// </summary>
public sealed record ConsensusSnapshot(ulong Height, uint Round, ConsensusStep Step, int LockedRound, Hash32 LockedHash, int ValidRound, ProposalValue? ValidValue)
{
    public const byte Version = 1;

    /// <summary>Null when the fields are consistent; otherwise what is wrong.</summary>
    public string? Check()
    {
        if (Height == 0)
        {
            return "height 0 is the genesis, which is not decided by consensus";
        }

        if (Step is < ConsensusStep.Propose or > ConsensusStep.Decided)
        {
            return $"unknown step {(byte)Step}";
        }

        if (LockedRound < -1 || LockedRound > (long)Round || (LockedRound == -1) != LockedHash.IsZero)
        {
            return "the lock is inconsistent: a locked round in -1..round goes with a non-zero hash exactly when it is not -1";
        }

        if (ValidRound < -1 || ValidRound > (long)Round || (ValidRound == -1) != (ValidValue is null) || (ValidValue is not null && ValidValue.Hash.IsZero))
        {
            return "the valid value is inconsistent: a valid round in -1..round goes with a value exactly when it is not -1";
        }

        return LockedRound > ValidRound ? "the locked round is later than the valid round, which locking never produces" : null;
    }

    public byte[] Encode()
    {
        // Sized exactly (the valid value can be a whole block): one allocation, handed over without a copy.
        const int fixedLength = 1 + 8 + 4 + 1 + 8 + 32 + 8 + 1;
        var w = new CanonicalWriter(fixedLength + (ValidValue is null ? 0 : 32 + 4 + ValidValue.Bytes.Length));
        w.WriteU8(Version);
        w.WriteU64(Height);
        w.WriteU32(Round);
        w.WriteU8((byte)Step);
        w.WriteI64(LockedRound);
        w.WriteFixed(LockedHash.ToArray());
        w.WriteI64(ValidRound);
        w.WriteBool(ValidValue is not null);
        if (ValidValue is not null)
        {
            w.WriteFixed(ValidValue.Hash.ToArray());
            w.WriteBytes(ValidValue.Bytes);
        }

        return w.ToArray();
    }

    /// <summary>Decodes and checks a snapshot; throws <see cref="DecodeException"/> on anything but a canonical, consistent one.</summary>
    public static ConsensusSnapshot Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var version = r.ReadU8();
        if (version != Version)
        {
            throw new DecodeException($"unsupported consensus snapshot version {version}");
        }

        var height = r.ReadU64();
        var round = r.ReadU32();
        var step = (ConsensusStep)r.ReadU8();
        var lockedRound = ReadRound(ref r);
        var lockedHash = new Hash32(r.ReadFixed(Hash32.Size));
        var validRound = ReadRound(ref r);
        ProposalValue? validValue = null;
        if (r.ReadBool())
        {
            var hash = new Hash32(r.ReadFixed(Hash32.Size));
            validValue = new ProposalValue(hash, r.ReadBytes(ProtocolLimits.MaxBlockBytes).ToArray());
        }

        r.EnsureEnd();
        var snapshot = new ConsensusSnapshot(height, round, step, lockedRound, lockedHash, validRound, validValue);
        var error = snapshot.Check();
        return error is null ? snapshot : throw new DecodeException($"consensus snapshot: {error}");
    }

    private static int ReadRound(ref CanonicalReader r)
    {
        var value = r.ReadI64();
        return value is < -1 or > int.MaxValue ? throw new DecodeException($"round {value} is out of range") : (int)value;
    }
}
