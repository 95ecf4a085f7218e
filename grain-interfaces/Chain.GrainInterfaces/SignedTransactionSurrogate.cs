using Chain.Protocol.Transactions;

namespace Chain.GrainInterfaces;

/// <summary>
/// How a <see cref="SignedTransaction"/> crosses a silo boundary: its canonical encoding, decoded (and so checked)
/// again on arrival. Between grains of one silo, <c>Immutable&lt;SignedTransaction[]&gt;</c> passes the decoded
/// objects by reference, so a transaction admitted once is not decoded and hashed again by the shard or the proposer.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.SignedTransaction")]
public readonly struct SignedTransactionSurrogate(byte[] encoded)
{
    [Id(0)]
    public byte[] Encoded { get; } = encoded;
}

/// <summary>The Orleans converter between <see cref="SignedTransaction"/> and its surrogate.</summary>
[RegisterConverter]
public sealed class SignedTransactionConverter : IConverter<SignedTransaction, SignedTransactionSurrogate>
{
    public SignedTransaction ConvertFromSurrogate(in SignedTransactionSurrogate surrogate) => SignedTransaction.Decode(surrogate.Encoded);

    public SignedTransactionSurrogate ConvertToSurrogate(in SignedTransaction value) => new(value.Encode());
}
