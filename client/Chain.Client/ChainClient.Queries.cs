using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;

namespace Chain.Client;

public sealed partial class ChainClient
{
    public Task<ChainStatus> GetStatusAsync() => CallAsync(() => Shard.GetStatusAsync());

    /// <summary>Every shard at the latest finalized height: chunk header, transactions waiting for its lane, receipts in flight to it, the silo of its lane.</summary>
    public async Task<IReadOnlyList<ShardView>> GetShardsAsync()
    {
        var shards = await CallAsync(() => Shard.GetShardsAsync());
        return [.. shards.Select(s => new ShardView(
            s.Shard, s.Height, NodeBytes.Decode("chunk header", s.ChunkHeader, Protocol.Sharding.ChunkHeader.Decode), s.PendingTransactions, s.InboundReceipts, s.Silo))];
    }

    /// <summary>The genesis the node runs. To pin a chain, compare it with (or use instead) a genesis file you trust.</summary>
    public async Task<GenesisDocument> GetGenesisAsync()
    {
        var bytes = await CallAsync(() => Shard.GetGenesisAsync());
        return NodeBytes.Decode("genesis", bytes, GenesisDocument.Decode);
    }

    /// <summary>
    /// A finalized block (null: the latest) whose body matches its header. Throws
    /// <see cref="ChainClientErrorKind.NotFound"/> when there is no such block. The certificate is
    /// checked by <see cref="VerifyHeaderAsync"/>.
    /// </summary>
    public async Task<FinalizedBlock> GetBlockAsync(ulong? height = null)
    {
        var bytes = await CallAsync(() => Shard.GetBlockAsync(height));
        if (bytes is null)
        {
            throw new ChainClientException(
                ChainClientErrorKind.NotFound,
                height is { } h ? $"the node has no block at height {h}; `chain status` shows the latest height" : "no block is final yet");
        }

        var block = NodeBytes.Decode("block", bytes, FinalizedBlock.Decode);
        if (height is { } wanted && block.Header.Height != wanted)
        {
            throw ChainClientException.Verification($"asked for block {wanted}, the node sent block {block.Header.Height}");
        }

        var problem = block.CheckBody();
        return problem is null ? block : throw ChainClientException.Verification($"body of block {block.Header.Height}: {problem}");
    }

    /// <summary>
    /// An account's balance and nonce at the latest finalized height. With <paramref name="prove"/>, the
    /// answer is checked by <see cref="AccountProofVerifier"/>; pass <paramref name="trustedGenesis"/> to
    /// check the certificate against the validator set followed from it (through every set change up to
    /// that height) instead of the one the node reports.
    /// </summary>
    public async Task<AccountBalance> GetBalanceAsync(
        Address address, bool prove = false, GenesisDocument? trustedGenesis = null, CancellationToken ct = default)
    {
        var raw = address.ToArray();
        var result = await CallAsync(() => Shard.GetAccountAsync(raw, prove || trustedGenesis is not null));
        if (!prove && trustedGenesis is null)
        {
            return new AccountBalance(address, result.Balance, result.Nonce, result.Height, null);
        }

        var trusted = trustedGenesis is null ? null : await FollowValidatorSetAsync(trustedGenesis, result.Height, ct);
        var proof = AccountProofVerifier.Verify(address, result, trusted);
        return new AccountBalance(address, result.Balance, result.Nonce, result.Height, proof);
    }

    /// <summary>The nonce the account's next transaction must carry, by the latest finalized state (pending transactions not counted).</summary>
    public async Task<ulong> NextNonceAsync(Address address) => (await GetBalanceAsync(address)).Nonce;
}
