using Chain.Protocol.Crypto;

namespace Chain.Protocol.Proofs;

/// <summary>Keys of the state tree. Each starts with a one-byte space so kinds of state never collide.</summary>
public static class StateKeys
{
    public const byte AccountSpace = 0x01;

    /// <summary>Staking state (validators, delegations, unbonding entries, the active set, supply): see Chain.Core/Staking.</summary>
    public const byte ValidatorSpace = 0x02;
    public const byte DelegationSpace = 0x03;
    public const byte UnbondingSpace = 0x04;
    public const byte ChainSpace = 0x05;

    /// <summary>Contract code by code hash: <c>0x06 | codeHash 32</c> → the module bytes.</summary>
    public const byte ContractCodeSpace = 0x06;

    /// <summary>Contract metadata by address: <c>0x07 | contract 20</c> → <see cref="ContractRecord"/>.</summary>
    public const byte ContractSpace = 0x07;

    /// <summary>Contract storage: <c>0x08 | contract 20 | key</c> → value (the contract chooses key and value).</summary>
    public const byte ContractStorageSpace = 0x08;

    /// <summary>
    /// Cross-shard bookkeeping (docs/protocol.md §13.4): <c>0x09 | 0x01 | source u16 | height u64</c> → the outgoing root and count
    /// of a chunk that sent receipts; <c>0x09 | 0x02 | source u16 | destination u16</c> → the next sequence the source sends;
    /// <c>0x09 | 0x03 | destination u16 | source u16</c> → the next sequence the destination applies. (Integers big-endian, so
    /// keys sort by shard and height.)
    /// </summary>
    public const byte ShardSpace = 0x09;

    public static byte[] OutgoingRoot(ushort source, ulong height)
    {
        var key = new byte[2 + 2 + 8];
        key[0] = ShardSpace;
        key[1] = 0x01;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(2), source);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(4), height);
        return key;
    }

    public static byte[] NextOutbound(ushort source, ushort destination) => ShardPair(0x02, source, destination);

    public static byte[] NextInbound(ushort destination, ushort source) => ShardPair(0x03, destination, source);

    /// <summary><c>0x09 | 0x05 | source u16 | destination u16</c>: the next sequence <paramref name="source"/> sends on the contract channel (calls, callbacks).</summary>
    public static byte[] NextContractOutbound(ushort source, ushort destination) => ShardPair(0x05, source, destination);

    /// <summary><c>0x09 | 0x06 | destination u16 | source u16</c>: the next contract-channel sequence <paramref name="destination"/> applies.</summary>
    public static byte[] NextContractInbound(ushort destination, ushort source) => ShardPair(0x06, destination, source);

    private static byte[] ShardPair(byte kind, ushort first, ushort second)
    {
        var key = new byte[2 + 2 + 2];
        key[0] = ShardSpace;
        key[1] = kind;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(2), first);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(4), second);
        return key;
    }

    public static byte[] Account(Address address)
    {
        var key = new byte[1 + Address.Size];
        key[0] = AccountSpace;
        address.CopyTo(key.AsSpan(1));
        return key;
    }

    public static byte[] ContractCode(Hash32 codeHash)
    {
        var key = new byte[1 + Hash32.Size];
        key[0] = ContractCodeSpace;
        codeHash.CopyTo(key.AsSpan(1));
        return key;
    }

    public static byte[] Contract(Address contract)
    {
        var key = new byte[1 + Address.Size];
        key[0] = ContractSpace;
        contract.CopyTo(key.AsSpan(1));
        return key;
    }

    public static byte[] ContractStorage(Address contract, ReadOnlySpan<byte> storageKey)
    {
        var key = new byte[1 + Address.Size + storageKey.Length];
        key[0] = ContractStorageSpace;
        contract.CopyTo(key.AsSpan(1));
        storageKey.CopyTo(key.AsSpan(1 + Address.Size));
        return key;
    }
}
