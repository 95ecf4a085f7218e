using Chain.GrainInterfaces;

namespace Chain.Client;

public sealed partial class ChainClient
{
    /// <summary>
    /// Submits many raw transactions in one call to admission (decoding and signature checks fan out over the
    /// node's cores); results are in the same order. For load generators and bulk funding; a refusal is a result.
    /// </summary>
    public Task<SubmitResult[]> SubmitBatchRawAsync(byte[][] rawTransactions)
    {
        ArgumentNullException.ThrowIfNull(rawTransactions);
        return CallAsync(() => Admission.SubmitBatchAsync(rawTransactions));
    }
}
