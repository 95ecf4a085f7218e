using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Blocks;

/// <summary>
/// The validators of an epoch, sorted by public key (strictly ascending, so the encoding is canonical).
/// Encoding: <c>count u32 | (publicKey 32 | power u64)*</c>; hash <c>Tagged("chain/validator-set/v1", encoding)</c>.
/// </summary>
public sealed class ValidatorSet
{
    public ValidatorSet(IEnumerable<Validator> validators)
    {
        var sorted = validators.OrderBy(v => v.PublicKey).ToArray();
        if (sorted.Length == 0 || sorted.Length > ProtocolLimits.MaxValidators)
        {
            throw new ArgumentException($"a validator set has 1..{ProtocolLimits.MaxValidators} members");
        }

        ulong total = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Power == 0)
            {
                throw new ArgumentException("a validator's power must be positive");
            }

            if (i > 0 && sorted[i].PublicKey == sorted[i - 1].PublicKey)
            {
                throw new ArgumentException("duplicate validator key");
            }

            total = checked(total + sorted[i].Power);
        }

        Validators = sorted;
        TotalPower = total;
        Hash = Hashing.Tagged(HashTags.ValidatorSet, Encode());
    }

    public IReadOnlyList<Validator> Validators { get; }

    public ulong TotalPower { get; }

    public Hash32 Hash { get; }

    public int Count => Validators.Count;

    /// <summary>True when <paramref name="power"/> is more than two thirds of the total: <c>3·power &gt; 2·total</c>.</summary>
    public bool IsQuorum(ulong power) => (UInt128)power * 3 > (UInt128)TotalPower * 2;

    public int IndexOf(PublicKey key)
    {
        for (var i = 0; i < Validators.Count; i++)
        {
            if (Validators[i].PublicKey == key)
            {
                return i;
            }
        }

        return -1;
    }

    public byte[] Encode()
    {
        var w = new CanonicalWriter(4 + (Validators.Count * 40));
        w.WriteU32((uint)Validators.Count);
        foreach (var v in Validators)
        {
            w.WriteFixed(v.PublicKey.ToArray());
            w.WriteU64(v.Power);
        }

        return w.ToArray();
    }

    public static ValidatorSet Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var count = r.ReadCount(ProtocolLimits.MaxValidators, 40);
        var list = new List<Validator>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(new Validator(new PublicKey(r.ReadFixed(32)), r.ReadU64()));
        }

        r.EnsureEnd();
        ValidatorSet set;
        try
        {
            set = new ValidatorSet(list);
        }
        catch (ArgumentException e)
        {
            throw new DecodeException(e.Message);
        }
        catch (OverflowException)
        {
            throw new DecodeException("total validator power overflows");
        }

        if (!set.Encode().AsSpan().SequenceEqual(bytes))
        {
            throw new DecodeException("validator set is not in canonical (sorted) order");
        }

        return set;
    }
}
