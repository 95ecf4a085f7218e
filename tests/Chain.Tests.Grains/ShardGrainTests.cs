using Chain.GrainInterfaces;
using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Grains;

public sealed class ShardGrainTests(ClusterFixture fixture)
{
    private IShardGrain Shard => fixture.Client.GetGrain<IShardGrain>(ClusterDefaults.ShardZero);

    private IAdmissionGrain Admission => fixture.Client.GetGrain<IAdmissionGrain>(0);

    [Fact]
    public async Task A_transfer_from_the_faucet_becomes_final_and_its_balance_proof_verifies()
    {
        using var recipient = KeyPair.Generate();
        var final = await FundAsync(recipient.Address, 12_345);
        Assert.Equal(TransactionStatus.Final, final.Status);
        Assert.Equal(ReceiptStatus.Success, Receipt.Decode(final.Receipt).Status);

        var header = BlockHeader.Decode(final.Header);
        var path = Enumerable.Range(0, final.AuditPath!.Length / 32).Select(i => new Hash32(final.AuditPath.AsSpan(i * 32, 32))).ToArray();
        Assert.True(BinaryMerkle.VerifyInclusion(header.TransactionsRoot, final.TransactionHash, final.Index, header.TransactionCount, path));

        var account = await Shard.GetAccountAsync(recipient.Address.ToArray(), prove: true);
        Assert.Equal(12_345UL, account.Balance);
        var proven = BlockHeader.Decode(account.Header);
        var check = CertificateVerifier.Verify(proven, QuorumCertificate.Decode(account.Certificate), fixture.Genesis.Validators);
        Assert.True(check.IsValid, check.Error);
        var proof = StateProof.Decode(account.Proof);
        Assert.Equal(StateProofResult.Included, proof.Verify(proven.StateRoot));
        Assert.Equal(12_345UL, AccountState.Decode(proof.Value).Balance);
    }

    [Fact]
    public async Task Each_bad_input_gets_its_typed_error_and_leaves_state_unchanged()
    {
        using var poor = KeyPair.Generate();
        using var other = KeyPair.Generate();
        await FundAsync(poor.Address, 1_000);
        var before = await Shard.GetAccountAsync(poor.Address.ToArray(), prove: false);
        var statusBefore = await Shard.GetStatusAsync();

        SignedTransaction Tx(ulong nonce, ulong amount, ulong fee = 1, string chainId = ClusterFixture.ChainId) =>
            new Transaction(chainId, nonce, poor.PublicKey, fee, new Transfer(other.Address, amount)).Sign(poor);

        var tampered = Tx(0, 10).Encode();
        tampered[^1] ^= 0xff;
        var cases = new (byte[] Raw, TxErrorCode Expected)[]
        {
            ([0xde, 0xad, 0xbe, 0xef], TxErrorCode.Malformed),
            (tampered, TxErrorCode.InvalidSignature),
            (Tx(0, 10, chainId: "another-chain").Encode(), TxErrorCode.WrongChainId),
            (Tx(before.Nonce + ProtocolLimits.MaxNonceGap, 10).Encode(), TxErrorCode.NonceTooHigh),
            (Tx(0, 5_000).Encode(), TxErrorCode.InsufficientBalance),
            (Tx(0, ulong.MaxValue).Encode(), TxErrorCode.AmountOverflow),
            (new byte[ProtocolLimits.MaxTransactionBytes + 1], TxErrorCode.TooLarge),
            (Tx(0, 10, fee: 0).Encode(), TxErrorCode.FeeTooLow),
        };
        var results = await Admission.SubmitBatchAsync([.. cases.Select(c => c.Raw)]);
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.False(results[i].Accepted);
            Assert.Equal(cases[i].Expected, (TxErrorCode)results[i].ErrorCode);
            Assert.False(string.IsNullOrWhiteSpace(results[i].Message));
        }

        var after = await Shard.GetAccountAsync(poor.Address.ToArray(), prove: false);
        Assert.Equal((before.Balance, before.Nonce), (after.Balance, after.Nonce));
        Assert.Equal(0UL, (await Shard.GetAccountAsync(other.Address.ToArray(), prove: false)).Balance);
        Assert.Equal(statusBefore.ChainId, (await Shard.GetStatusAsync()).ChainId);
    }

    [Fact]
    public async Task A_replayed_transaction_is_refused_as_a_used_nonce()
    {
        using var recipient = KeyPair.Generate();
        await fixture.FaucetLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            var nonce = (await Shard.GetAccountAsync(fixture.Faucet.Address.ToArray(), false)).Nonce;
            var tx = new Transaction(ClusterFixture.ChainId, nonce, fixture.Faucet.PublicKey, 1, new Transfer(recipient.Address, 7)).Sign(fixture.Faucet);
            Assert.True((await Admission.SubmitAsync(tx.Encode())).Accepted);
            Assert.Equal(TransactionStatus.Final, (await Shard.WaitForTransactionAsync(tx.Hash.ToArray(), TimeSpan.FromSeconds(15))).Status);

            var replay = await Admission.SubmitAsync(tx.Encode());
            Assert.Equal(TxErrorCode.NonceTooLow, (TxErrorCode)replay.ErrorCode);
            Assert.Equal(7UL, (await Shard.GetAccountAsync(recipient.Address.ToArray(), false)).Balance);
        }
        finally
        {
            fixture.FaucetLock.Release();
        }
    }

    [Fact]
    public async Task After_deactivation_the_shard_replays_to_the_same_height_and_state_root_and_keeps_going()
    {
        using var recipient = KeyPair.Generate();
        await FundAsync(recipient.Address, 55);
        var before = await Shard.GetStatusAsync();

        await fixture.Cluster.DeactivateAsync(Shard);

        var after = await Shard.GetStatusAsync();
        Assert.True(after.Height >= before.Height);
        var block = FinalizedBlock.Decode((await Shard.GetBlockAsync(before.Height))!);
        Assert.Equal(new Hash32(before.StateRoot), block.Header.StateRoot);
        Assert.Equal(55UL, (await Shard.GetAccountAsync(recipient.Address.ToArray(), false)).Balance);

        await FundAsync(recipient.Address, 45);
        Assert.Equal(100UL, (await Shard.GetAccountAsync(recipient.Address.ToArray(), false)).Balance);
    }

    [Fact]
    public async Task Blocks_chain_by_hash_and_each_certificate_verifies()
    {
        using var recipient = KeyPair.Generate();
        await FundAsync(recipient.Address, 1);
        await FundAsync(recipient.Address, 1);
        var status = await Shard.GetStatusAsync();
        var previous = fixture.Genesis.Hash();
        for (ulong h = 1; h <= status.Height; h++)
        {
            var block = FinalizedBlock.Decode((await Shard.GetBlockAsync(h))!);
            Assert.Equal(previous, block.Header.PreviousHash);
            Assert.Null(block.CheckBody());
            Assert.True(CertificateVerifier.Verify(block.Header, block.Certificate, fixture.Genesis.Validators).IsValid);
            previous = block.Header.Hash();
        }

        Assert.Null(await Shard.GetBlockAsync(status.Height + 1000));
    }

    [Fact]
    public async Task A_client_cannot_put_unchecked_transactions_into_the_mempool_by_calling_the_shard_directly()
    {
        using var sender = KeyPair.Generate();
        using var other = KeyPair.Generate();
        var forged = new Transaction(ClusterFixture.ChainId, 0, sender.PublicKey, 1, new Transfer(other.Address, 1)).Sign(sender).Encode();
        forged[^1] ^= 0xff;
        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Shard.AdmitAsync(new Orleans.Concurrency.Immutable<SignedTransaction[]>([SignedTransaction.Decode(forged)])));
        Assert.Contains("IAdmissionGrain", refused.Message, StringComparison.Ordinal);
    }

    private async Task<TransactionResult> FundAsync(Address to, ulong amount)
    {
        await fixture.FaucetLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            var nonce = (await Shard.GetAccountAsync(fixture.Faucet.Address.ToArray(), false)).Nonce;
            var tx = new Transaction(ClusterFixture.ChainId, nonce, fixture.Faucet.PublicKey, 1, new Transfer(to, amount)).Sign(fixture.Faucet);
            var submitted = await Admission.SubmitAsync(tx.Encode());
            Assert.True(submitted.Accepted, submitted.Message);
            var result = await Shard.WaitForTransactionAsync(tx.Hash.ToArray(), TimeSpan.FromSeconds(15));
            Assert.Equal(TransactionStatus.Final, result.Status);
            return result;
        }
        finally
        {
            fixture.FaucetLock.Release();
        }
    }
}
