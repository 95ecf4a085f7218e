using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Transactions;

/// <summary>
/// A transaction body and its Ed25519 signature: <c>encode(body) | signature 64</c>.
/// Its hash, <c>Tagged("chain/tx/v1", encoding)</c>, identifies it everywhere.
/// </summary>
public sealed class SignedTransaction
{
    private readonly byte[] _encoded;

    public SignedTransaction(Transaction body, Signature signature)
    {
        Body = body;
        Signature = signature;
        var writer = new CanonicalWriter();
        body.Write(writer);
        Span<byte> sig = stackalloc byte[Signature.Size];
        signature.CopyTo(sig);
        writer.WriteFixed(sig);
        _encoded = writer.ToArray();
        Hash = Hashing.Tagged(HashTags.Transaction, _encoded);
    }

    public Transaction Body { get; }

    public Signature Signature { get; }

    public Hash32 Hash { get; }

    public int EncodedLength => _encoded.Length;

    public ReadOnlySpan<byte> EncodedSpan => _encoded;

    public byte[] Encode() => (byte[])_encoded.Clone();

    /// <summary>Checks the signature against the sender key. Cost: one Ed25519 verification.</summary>
    public bool HasValidSignature() => Body.Sender.Verify(SigningBytes(), Signature);

    /// <summary>
    /// <see cref="Transaction.SigningBytes"/> built from the encoding held here (the body's encoding is all of it but the signature),
    /// so checking a signature does not encode the body again.
    /// </summary>
    private byte[] SigningBytes() => Transaction.SigningMessage(_encoded.AsSpan(0, _encoded.Length - Signature.Size));

    /// <summary>Decodes untrusted bytes; throws <see cref="DecodeException"/> unless they are one canonical signed transaction.</summary>
    public static SignedTransaction Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ProtocolLimits.MaxTransactionBytes)
        {
            throw new DecodeException($"transaction of {bytes.Length} bytes exceeds the limit of {ProtocolLimits.MaxTransactionBytes}");
        }

        var reader = new CanonicalReader(bytes);
        var body = Transaction.Read(ref reader);
        var signature = new Signature(reader.ReadFixed(Signature.Size));
        reader.EnsureEnd();
        var tx = new SignedTransaction(body, signature);
        if (!tx.EncodedSpan.SequenceEqual(bytes))
        {
            throw new DecodeException("transaction bytes are not in canonical form");
        }

        return tx;
    }
}
