using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Protocol.Vectors;
using CsCheck;

namespace Chain.Tests.Unit.Protocol;

/// <summary>A signature covers every byte of the body: a changed transaction either fails to decode or fails to verify.</summary>
public sealed class SignedTransactionTamperingTests
{
    [Fact]
    public void Flipping_any_single_bit_of_a_signed_transfer_breaks_decoding_or_the_signature()
    {
        foreach (var tx in new[] { VectorFixtures.TransferWithoutMemo(), VectorFixtures.TransferWithMemo() })
        {
            Assert.True(tx.HasValidSignature());
            var bytes = tx.Encode();
            for (var bit = 0; bit < bytes.Length * 8; bit++)
            {
                var flipped = (byte[])bytes.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                AssertRejected(flipped, tx.Hash);
            }
        }
    }

    [Fact]
    public void Random_bit_flips_in_randomly_signed_transactions_break_decoding_or_the_signature()
    {
        var seeds = Gen.Byte[1, 8];
        Gen.Select(ProtocolGenerators.Transaction, seeds, Gen.Int[0, int.MaxValue].Array[1, 3]).Sample((body, seed, bits) =>
        {
            using var key = VectorFixtures.Key(seed);
            var tx = (body with { Sender = key.PublicKey }).Sign(key);
            Assert.True(SignedTransaction.Decode(tx.Encode()).HasValidSignature());

            var flipped = tx.Encode();
            foreach (var bit in bits.Select(b => b % (flipped.Length * 8)).Distinct())
            {
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            AssertRejected(flipped, tx.Hash);
        }, iter: 200);
    }

    [Fact]
    public void A_signature_from_another_key_does_not_verify()
    {
        var tx = VectorFixtures.TransferWithoutMemo();
        using var other = VectorFixtures.Key(9);
        var forged = new SignedTransaction(tx.Body, other.Sign(tx.Body.SigningBytes()));
        Assert.False(SignedTransaction.Decode(forged.Encode()).HasValidSignature());
    }

    [Fact]
    public void A_signature_over_the_bare_body_without_the_domain_tag_does_not_verify()
    {
        var tx = VectorFixtures.TransferWithoutMemo();
        using var sender = VectorFixtures.Key(2);
        var untagged = new SignedTransaction(tx.Body, sender.Sign(tx.Body.Encode()));
        Assert.False(untagged.HasValidSignature());
    }

    [Fact]
    public void A_transaction_larger_than_the_limit_is_rejected_before_it_is_parsed()
    {
        var bytes = new byte[Chain.Protocol.ProtocolLimits.MaxTransactionBytes + 1];
        var error = Assert.Throws<DecodeException>(() => SignedTransaction.Decode(bytes));
        Assert.Contains("exceeds the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_with_a_key_that_is_not_the_sender_is_refused()
    {
        var body = VectorFixtures.TransferWithoutMemo().Body;
        using var other = VectorFixtures.Key(3);
        Assert.Throws<ArgumentException>(() => body.Sign(other));
    }

    private static void AssertRejected(byte[] bytes, Chain.Protocol.Crypto.Hash32 originalHash)
    {
        SignedTransaction decoded;
        try
        {
            decoded = SignedTransaction.Decode(bytes);
        }
        catch (DecodeException)
        {
            return;
        }

        Assert.False(decoded.HasValidSignature());
        Assert.NotEqual(originalHash, decoded.Hash);
    }
}
