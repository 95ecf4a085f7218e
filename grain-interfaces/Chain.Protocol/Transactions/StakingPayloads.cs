using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Transactions;

/// <summary>
/// Bonds <see cref="Amount"/> of the sender's balance as self-stake, making the sender a validator
/// candidate whose consensus key is the sender key. It joins the set at the next epoch boundary if its
/// stake ranks among the top <c>MaxValidators</c>.
/// </summary>
public sealed record Bond(ulong Amount) : TransactionPayload
{
    public override PayloadKind Kind => PayloadKind.Bond;

    internal override void WriteFields(CanonicalWriter writer) => writer.WriteU64(Amount);

    internal static Bond ReadFields(ref CanonicalReader reader) => new(reader.ReadU64());
}

/// <summary>Delegates <see cref="Amount"/> of the sender's balance to <see cref="Validator"/>; it shares that validator's rewards and slashes.</summary>
public sealed record Delegate(Address Validator, ulong Amount) : TransactionPayload
{
    public override PayloadKind Kind => PayloadKind.Delegate;

    internal override void WriteFields(CanonicalWriter writer)
    {
        writer.WriteFixed(Validator.ToArray());
        writer.WriteU64(Amount);
    }

    internal static Delegate ReadFields(ref CanonicalReader reader) => new(new Address(reader.ReadFixed(Address.Size)), reader.ReadU64());
}

/// <summary>
/// Starts unbonding <see cref="Amount"/> units of the sender's stake with <see cref="Validator"/> (its own
/// address for self-stake). The units stop counting as power at the next epoch and can be withdrawn after
/// the unbonding period; until then they can still be slashed.
/// </summary>
public sealed record Unbond(Address Validator, ulong Amount) : TransactionPayload
{
    public override PayloadKind Kind => PayloadKind.Unbond;

    internal override void WriteFields(CanonicalWriter writer)
    {
        writer.WriteFixed(Validator.ToArray());
        writer.WriteU64(Amount);
    }

    internal static Unbond ReadFields(ref CanonicalReader reader) => new(new Address(reader.ReadFixed(Address.Size)), reader.ReadU64());
}

/// <summary>Moves every matured unbonding entry of the sender with <see cref="Validator"/> back to the sender's balance.</summary>
public sealed record Withdraw(Address Validator) : TransactionPayload
{
    public override PayloadKind Kind => PayloadKind.Withdraw;

    internal override void WriteFields(CanonicalWriter writer) => writer.WriteFixed(Validator.ToArray());

    internal static Withdraw ReadFields(ref CanonicalReader reader) => new(new Address(reader.ReadFixed(Address.Size)));
}

/// <summary>Submits proof that a validator signed two conflicting votes. Anyone may send it; the validator is slashed and tombstoned once.</summary>
public sealed record ReportEquivocation(DuplicateVoteEvidence Evidence) : TransactionPayload
{
    public override PayloadKind Kind => PayloadKind.ReportEquivocation;

    internal override void WriteFields(CanonicalWriter writer) => Evidence.Write(writer);

    internal static ReportEquivocation ReadFields(ref CanonicalReader reader) => new(DuplicateVoteEvidence.Read(ref reader));
}

/// <summary>Asks to rejoin the validator candidates after a downtime jail has expired (the sender is the validator).</summary>
public sealed record Unjail : TransactionPayload
{
    public override PayloadKind Kind => PayloadKind.Unjail;

    internal override void WriteFields(CanonicalWriter writer)
    {
    }
}
