using Chain.Core.Admission;
using Chain.Core.Pool;
using Chain.Protocol;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Core;

public sealed class AdmissionTests
{
    private readonly TestChain _chain = new(accounts: 3, balance: 1_000);

    [Fact]
    public void A_well_formed_signed_transfer_is_accepted()
    {
        var tx = _chain.Transfer(0, _chain.Keys[1].Address, 10, 0);
        var check = StatelessAdmission.Check(tx.Encode(), TestChain.Id);
        Assert.True(check.IsAccepted, check.Message);
        Assert.Equal(tx.Hash, check.Transaction!.Hash);
    }

    [Theory]
    [InlineData(new byte[] { }, TxErrorCode.Malformed)]
    [InlineData(new byte[] { 1, 2, 3 }, TxErrorCode.Malformed)]
    [InlineData(new byte[] { 9 }, TxErrorCode.Malformed)]
    public void Garbage_bytes_are_refused_as_malformed(byte[] raw, TxErrorCode expected) =>
        Assert.Equal(expected, StatelessAdmission.Check(raw, TestChain.Id).Error);

    [Fact]
    public void Trailing_bytes_after_a_valid_transaction_are_refused_as_malformed()
    {
        var raw = _chain.Transfer(0, _chain.Keys[1].Address, 10, 0).Encode();
        Assert.Equal(TxErrorCode.Malformed, StatelessAdmission.Check([.. raw, 0], TestChain.Id).Error);
    }

    [Fact]
    public void An_oversized_transaction_is_refused_before_decoding()
    {
        var raw = new byte[ProtocolLimits.MaxTransactionBytes + 1];
        Assert.Equal(TxErrorCode.TooLarge, StatelessAdmission.Check(raw, TestChain.Id).Error);
    }

    [Fact]
    public void A_flipped_signature_byte_is_refused_as_an_invalid_signature()
    {
        var raw = _chain.Transfer(0, _chain.Keys[1].Address, 10, 0).Encode();
        raw[^5] ^= 0x01;
        Assert.Equal(TxErrorCode.InvalidSignature, StatelessAdmission.Check(raw, TestChain.Id).Error);
    }

    [Fact]
    public void A_transaction_for_another_chain_is_refused_with_the_right_chain_id_in_the_message()
    {
        var tx = new Transaction("other-chain", 0, _chain.Keys[0].PublicKey, 1, new Transfer(_chain.Keys[1].Address, 5)).Sign(_chain.Keys[0]);
        var check = StatelessAdmission.Check(tx.Encode(), TestChain.Id);
        Assert.Equal(TxErrorCode.WrongChainId, check.Error);
        Assert.Contains(TestChain.Id, check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Amount_plus_fee_beyond_64_bits_is_refused_as_overflow()
    {
        var tx = _chain.Transfer(0, _chain.Keys[1].Address, ulong.MaxValue, 0, fee: 1);
        Assert.Equal(TxErrorCode.AmountOverflow, StatelessAdmission.Check(tx.Encode(), TestChain.Id).Error);
    }

    [Fact]
    public void Zero_amounts_and_transfers_to_oneself_are_refused()
    {
        Assert.Equal(TxErrorCode.InvalidTransfer, StatelessAdmission.Check(_chain.Transfer(0, _chain.Keys[1].Address, 0, 0).Encode(), TestChain.Id).Error);
        Assert.Equal(TxErrorCode.InvalidTransfer, StatelessAdmission.Check(_chain.Transfer(0, _chain.Keys[0].Address, 5, 0).Encode(), TestChain.Id).Error);
    }

    [Fact]
    public void The_mempool_refuses_replays_far_future_nonces_duplicates_and_overspending()
    {
        var pool = new Mempool(capacity: 100);
        var account = new AccountState(100, 5);
        Assert.Equal(TxErrorCode.NonceTooLow, pool.TryAdd(_chain.Transfer(0, _chain.Keys[1].Address, 1, 4), account, 1).Error);
        Assert.Equal(TxErrorCode.NonceTooHigh, pool.TryAdd(_chain.Transfer(0, _chain.Keys[1].Address, 1, 5 + ProtocolLimits.MaxNonceGap), account, 1).Error);
        Assert.Equal(TxErrorCode.FeeTooLow, pool.TryAdd(_chain.Transfer(0, _chain.Keys[1].Address, 1, 5, fee: 0), account, 1).Error);

        var first = _chain.Transfer(0, _chain.Keys[1].Address, 60, 5);
        Assert.Equal(TxErrorCode.None, pool.TryAdd(first, account, 1).Error);
        Assert.Equal(TxErrorCode.Duplicate, pool.TryAdd(first, account, 1).Error);
        Assert.Equal(TxErrorCode.Duplicate, pool.TryAdd(_chain.Transfer(0, _chain.Keys[2].Address, 1, 5), account, 1).Error);

        // 61 is pending; another 40 + 1 fee would exceed the balance of 100.
        Assert.Equal(TxErrorCode.InsufficientBalance, pool.TryAdd(_chain.Transfer(0, _chain.Keys[1].Address, 40, 6), account, 1).Error);
        Assert.Equal(TxErrorCode.None, pool.TryAdd(_chain.Transfer(0, _chain.Keys[1].Address, 38, 6), account, 1).Error);
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Candidates_are_each_senders_consecutive_nonces_from_the_account_nonce()
    {
        var pool = new Mempool(capacity: 100);
        var zero = new AccountState(1_000, 0);
        foreach (var nonce in new ulong[] { 2, 0, 1, 4 })
        {
            Assert.Equal(TxErrorCode.None, pool.TryAdd(_chain.Transfer(0, _chain.Keys[1].Address, 1, nonce), zero, 1).Error);
        }

        var candidates = pool.Candidates(10, _ => zero);
        Assert.Equal([0UL, 1, 2], candidates.Select(t => t.Body.Nonce));
        pool.Prune(candidates, _ => new AccountState(990, 3));
        Assert.Equal(1, pool.Count);
        Assert.Empty(pool.Candidates(10, _ => new AccountState(990, 3)));
    }

    [Fact]
    public void A_full_mempool_refuses_with_mempool_full()
    {
        var pool = new Mempool(capacity: 1);
        var zero = new AccountState(1_000, 0);
        Assert.Equal(TxErrorCode.None, pool.TryAdd(_chain.Transfer(0, _chain.Keys[1].Address, 1, 0), zero, 1).Error);
        Assert.Equal(TxErrorCode.MempoolFull, pool.TryAdd(_chain.Transfer(1, _chain.Keys[0].Address, 1, 0), zero, 1).Error);
    }
}
