namespace Chain.GrainInterfaces;

/// <summary>
/// The front door for transactions. A stateless worker: decoding and the Ed25519 check fan out over
/// the silo's cores before anything reaches a shard's mempool. Use key 0.
/// </summary>
[Alias("chain.IAdmissionGrain")]
public interface IAdmissionGrain : IGrainWithIntegerKey
{
    /// <summary>Admits one raw signed transaction (its canonical encoding).</summary>
    [Alias("Submit")]
    Task<SubmitResult> SubmitAsync(byte[] rawTransaction);

    /// <summary>Admits many; results are in the same order.</summary>
    [Alias("SubmitBatch")]
    Task<SubmitResult[]> SubmitBatchAsync(byte[][] rawTransactions);
}
