using Chain.Protocol.Encoding;

namespace Chain.Protocol.Transactions;

/// <summary>What a transaction does. Encoded as a one-byte kind followed by the kind's fields.</summary>
public abstract record TransactionPayload
{
    public abstract PayloadKind Kind { get; }

    internal abstract void WriteFields(CanonicalWriter writer);

    internal static TransactionPayload Read(ref CanonicalReader reader)
    {
        var kind = reader.ReadU8();
        return kind switch
        {
            (byte)PayloadKind.Transfer => Transfer.ReadFields(ref reader),
            (byte)PayloadKind.Bond => Bond.ReadFields(ref reader),
            (byte)PayloadKind.Delegate => Delegate.ReadFields(ref reader),
            (byte)PayloadKind.Unbond => Unbond.ReadFields(ref reader),
            (byte)PayloadKind.Withdraw => Withdraw.ReadFields(ref reader),
            (byte)PayloadKind.ReportEquivocation => ReportEquivocation.ReadFields(ref reader),
            (byte)PayloadKind.Unjail => new Unjail(),
            (byte)PayloadKind.Deploy => Deploy.ReadFields(ref reader),
            (byte)PayloadKind.Call => Call.ReadFields(ref reader),
            (byte)PayloadKind.Upgrade => Upgrade.ReadFields(ref reader),
            _ => throw new DecodeException($"unknown payload kind {kind}"),
        };
    }
}

public enum PayloadKind : byte
{
    Transfer = 1,
    Bond = 2,
    Delegate = 3,
    Unbond = 4,
    Withdraw = 5,
    ReportEquivocation = 6,
    Unjail = 7,
    Deploy = 8,
    Call = 9,
    Upgrade = 10,
}
