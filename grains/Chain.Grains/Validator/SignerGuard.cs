using Chain.Protocol.Encoding;
using Chain.Storage;

namespace Chain.Grains.Validator;

/// <summary>
/// The double-sign guard. Before the validator signs anything it records (height, round, step) and the
/// consensus lock state durably; it refuses to sign at or below the last recorded position. A crash after
/// the write and before the signature leaves the validator silent for that step, never equivocating.
/// Order within a round: proposal, prevote, precommit.
/// </summary>
internal sealed class SignerGuard(IKeyValueStore store)
{
    private static readonly byte[] Key = "signer"u8.ToArray();

    /// <summary>The lock state recorded with the position, under a key of its own in the same atomic write: the snapshot can hold a
    /// whole block (the valid value), which is then written as is rather than copied behind the position.</summary>
    private static readonly byte[] SnapshotKey = "signer-snapshot"u8.ToArray();

    private const int PositionLength = 8 + 4 + 1;

    public SignedPosition? Last { get; private set; } = Read(store);

    /// <summary>Records the position and lock state, then returns true; false if signing would go backwards or repeat.</summary>
    public bool TryAuthorize(SignedPosition position, byte[] consensusSnapshot)
    {
        if (Last is { } last && position.CompareTo(last) <= 0)
        {
            return false;
        }

        var w = new CanonicalWriter(PositionLength);
        w.WriteU64(position.Height);
        w.WriteU32(position.Round);
        w.WriteU8((byte)position.Step);
        store.Write(new WriteBatch().Put(Key, w.ToArray()).Put(SnapshotKey, consensusSnapshot), durable: true);
        Last = position;
        LastSnapshot = consensusSnapshot;
        return true;
    }

    /// <summary>The consensus lock state recorded with <see cref="Last"/>.</summary>
    public byte[]? LastSnapshot { get; private set; } = ReadSnapshot(store);

    private static SignedPosition? Read(IKeyValueStore store)
    {
        if (store.Get(Key) is not { } bytes)
        {
            return null;
        }

        var r = new CanonicalReader(bytes);
        return new SignedPosition(r.ReadU64(), r.ReadU32(), (SignedStep)r.ReadU8());
    }

    private static byte[]? ReadSnapshot(IKeyValueStore store)
    {
        if (store.Get(Key) is not { } bytes)
        {
            return null;
        }

        if (bytes.Length == PositionLength)
        {
            return store.Get(SnapshotKey);
        }

        // Written before the snapshot had a key of its own: it follows the position, length-prefixed.

        var r = new CanonicalReader(bytes);
        _ = r.ReadU64();
        _ = r.ReadU32();
        _ = r.ReadU8();
        return r.ReadBytes(Chain.Protocol.ProtocolLimits.MaxBlockBytes + 4096).ToArray();
    }
}

internal enum SignedStep : byte
{
    Proposal = 1,
    Prevote = 2,
    Precommit = 3,
}

internal readonly record struct SignedPosition(ulong Height, uint Round, SignedStep Step) : IComparable<SignedPosition>
{
    public int CompareTo(SignedPosition other) =>
        Height != other.Height ? Height.CompareTo(other.Height)
        : Round != other.Round ? Round.CompareTo(other.Round)
        : Step.CompareTo(other.Step);
}
