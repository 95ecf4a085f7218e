using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution.Speculative;

/// <summary>The proposer's mode, as <see cref="BlockExecutor.Build(State.IStateReader, BlockContext, QuorumCertificate?, IEnumerable{SignedTransaction}, int)"/> runs it sequentially.</summary>
internal sealed class BuildSink(IReadOnlyList<SignedTransaction> candidates, bool[] validSignature, uint maxTransactions) : ITransactionSink
{
    public List<SignedTransaction> Included { get; } = new(candidates.Count);

    public List<Receipt> Receipts { get; } = new(candidates.Count);

    public List<RejectedTransaction> Rejected { get; } = [];

    public SinkStep Next(int index)
    {
        // The cap stops the block before a candidate's signature is looked at: later candidates are neither included nor rejected.
        if (Included.Count >= maxTransactions)
        {
            return SinkStep.Stop;
        }

        if (!validSignature[index])
        {
            Rejected.Add(new RejectedTransaction(candidates[index], TxErrorCode.InvalidSignature));
            return SinkStep.Skip;
        }

        return SinkStep.Execute;
    }

    /// <summary>The cap stops the block only once that many transactions are included: with no more executable ones, after all of them.</summary>
    public bool AllowsRunAhead(int executable) => executable <= maxTransactions;

    public bool Accept(int index, TransactionOutcome outcome)
    {
        if (outcome.Receipt is { } receipt)
        {
            Included.Add(candidates[index]);
            Receipts.Add(receipt);
        }
        else
        {
            Rejected.Add(new RejectedTransaction(candidates[index], outcome.Rejection));
        }

        return true;
    }
}

/// <summary>The verifier's mode: the first transaction that is badly signed or not includable ends the block with an error.</summary>
internal sealed class ReplaySink(bool[] validSignature) : ITransactionSink
{
    public List<Receipt> Receipts { get; } = new(validSignature.Length);

    public string? Error { get; private set; }

    public SinkStep Next(int index)
    {
        if (!validSignature[index])
        {
            Error = BlockExecutor.InvalidSignatureError(index);
            return SinkStep.Stop;
        }

        return SinkStep.Execute;
    }

    /// <summary>Every stop fails the block.</summary>
    public bool AllowsRunAhead(int executable) => true;

    public bool Accept(int index, TransactionOutcome outcome)
    {
        if (outcome.Receipt is null)
        {
            Error = BlockExecutor.NotIncludableError(index, outcome.Rejection);
            return false;
        }

        Receipts.Add(outcome.Receipt);
        return true;
    }
}
