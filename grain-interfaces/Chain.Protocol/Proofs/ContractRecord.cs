using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Proofs;

/// <summary>
/// A contract's metadata in state (<see cref="StateKeys.Contract"/>): <c>codeHash 32 | version u32 | hasAdmin u8 | [admin 20]</c>.
/// <see cref="Version"/> is 1 at deploy and grows by one per upgrade; old code stays stored under its hash.
/// </summary>
public sealed record ContractRecord(Hash32 CodeHash, uint Version, Address? Admin)
{
    public byte[] Encode()
    {
        var w = new CanonicalWriter(57);
        w.WriteFixed(CodeHash.ToArray());
        w.WriteU32(Version);
        w.WriteBool(Admin.HasValue);
        if (Admin is { } admin)
        {
            w.WriteFixed(admin.ToArray());
        }

        return w.ToArray();
    }

    public static ContractRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var hash = new Hash32(r.ReadFixed(Hash32.Size));
        var version = r.ReadU32();
        Address? admin = r.ReadBool() ? new Address(r.ReadFixed(Address.Size)) : null;
        r.EnsureEnd();
        return new ContractRecord(hash, version, admin);
    }

    /// <summary>The code hash: <c>Tagged("chain/contract-code/v1", code)</c>.</summary>
    public static Hash32 CodeHashOf(ReadOnlySpan<byte> code) => Hashing.Tagged(HashTags.ContractCode, code);

    /// <summary>
    /// The address of the contract deployed by <paramref name="deployer"/> in its transaction with <paramref name="nonce"/>:
    /// the first 20 bytes of <c>Tagged("chain/contract-address/v1", deployer 20 | nonce u64)</c>. Unique because a
    /// sender's nonce is used once.
    /// </summary>
    public static Address DeriveAddress(Address deployer, ulong nonce)
    {
        Span<byte> input = stackalloc byte[Address.Size + 8];
        deployer.CopyTo(input);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(input[Address.Size..], nonce);
        Span<byte> digest = stackalloc byte[Hash32.Size];
        Hashing.Tagged(HashTags.ContractAddress, input).CopyTo(digest);
        return new Address(digest[..Address.Size]);
    }
}
