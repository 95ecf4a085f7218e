using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Transactions;

/// <summary>
/// The signed body of a transaction. Encoding (docs/protocol.md §4):
/// <c>version u8 = 1 | chainId ascii | nonce u64 | sender 32 | fee u64 | payload</c>.
/// The sender signs <c>"chain/tx-sign/v1" || 0x00 || encode(body)</c>.
/// </summary>
public sealed record Transaction(string ChainId, ulong Nonce, PublicKey Sender, ulong Fee, TransactionPayload Payload)
{
    public const byte CurrentVersion = 1;

    /// <summary>Derived once per sender key (a tagged SHA-256): execution asks for it several times per transaction.</summary>
    private SenderAddressMemo? _senderAddress;

    public Address SenderAddress
    {
        get
        {
            // A record's `with` copies the memo too, so it is only trusted for the key it was made from.
            var memo = Volatile.Read(ref _senderAddress);
            if (memo is null || memo.Key != Sender)
            {
                memo = new SenderAddressMemo(Sender, Sender.ToAddress());
                Volatile.Write(ref _senderAddress, memo);
            }

            return memo.Address;
        }
    }

    /// <summary>Equality of the five fields; the address memo is not part of a transaction's value.</summary>
    public bool Equals(Transaction? other) =>
        other is not null
        && string.Equals(ChainId, other.ChainId, StringComparison.Ordinal)
        && Nonce == other.Nonce
        && Sender == other.Sender
        && Fee == other.Fee
        && Equals(Payload, other.Payload);

    public override int GetHashCode() => HashCode.Combine(ChainId, Nonce, Sender, Fee, Payload);

    public void Write(CanonicalWriter writer)
    {
        writer.WriteU8(CurrentVersion);
        writer.WriteAscii(ChainId);
        writer.WriteU64(Nonce);
        Span<byte> key = stackalloc byte[PublicKey.Size];
        Sender.CopyTo(key);
        writer.WriteFixed(key);
        writer.WriteU64(Fee);
        writer.WriteU8((byte)Payload.Kind);
        Payload.WriteFields(writer);
    }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter();
        Write(writer);
        return writer.ToArray();
    }

    private static readonly byte[] SigningTag = System.Text.Encoding.ASCII.GetBytes(HashTags.TransactionSigning);

    /// <summary>The exact bytes the sender signs.</summary>
    public byte[] SigningBytes() => SigningMessage(Encode());

    /// <summary>The signed message of a transaction whose encoding is <paramref name="body"/>: the signing tag, a zero byte, the body.</summary>
    internal static byte[] SigningMessage(ReadOnlySpan<byte> body)
    {
        var message = new byte[SigningTag.Length + 1 + body.Length];
        SigningTag.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(SigningTag.Length + 1));
        return message;
    }

    public SignedTransaction Sign(KeyPair key)
    {
        if (key.PublicKey != Sender)
        {
            throw new ArgumentException("the key does not match the transaction's sender", nameof(key));
        }

        return new SignedTransaction(this, key.Sign(SigningBytes()));
    }

    internal static Transaction Read(ref CanonicalReader reader)
    {
        var version = reader.ReadU8();
        if (version != CurrentVersion)
        {
            throw new DecodeException($"unsupported transaction version {version}");
        }

        var chainId = reader.ReadAscii(ProtocolLimits.MaxChainIdLength);
        var nonce = reader.ReadU64();
        var sender = new PublicKey(reader.ReadFixed(PublicKey.Size));
        var fee = reader.ReadU64();
        var payload = TransactionPayload.Read(ref reader);
        return new Transaction(chainId, nonce, sender, fee, payload);
    }

    private sealed record SenderAddressMemo(PublicKey Key, Address Address);
}
