using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Genesis;

/// <summary>
/// The initial state and rules of a chain. Its hash, <c>Tagged("chain/genesis/v1", encode)</c>, is the
/// previous hash of block 1, so a client that pins the genesis pins the whole chain.
/// Encoding: <c>chainId | timeUnixMs i64 | minFee u64 | maxBlockTx u32 | shardCount u16 | receiptTimeout u64 | staking parameters | validatorSet bytes | count u32 | (address 20 | balance u64)*</c>
/// with accounts strictly ascending by address. Each genesis validator's power is its initial self-bond,
/// held by staking, not by its balance; the total supply is balances plus bonded stake.
/// </summary>
public sealed record GenesisDocument(
    string ChainId,
    long GenesisTimeUnixMs,
    ChainParameters Parameters,
    ValidatorSet Validators,
    IReadOnlyList<GenesisAccount> Accounts)
{
    public const int MaxAccounts = 100_000;

    public Hash32 Hash() => Hashing.Tagged(HashTags.Genesis, Encode());

    /// <summary>Total supply: the sum of all genesis balances and the validators' initial self-bonds.</summary>
    public ulong TotalSupply() => checked(Accounts.Aggregate(0UL, (sum, a) => checked(sum + a.Balance)) + Validators.TotalPower);

    /// <summary>Null when the document is well-formed; otherwise what is wrong with it.</summary>
    public string? Validate()
    {
        if (!Chain.Protocol.ChainId.IsValid(ChainId))
        {
            return "chainId must be 1..32 characters of [a-z0-9-]";
        }

        if (Accounts.Count > MaxAccounts)
        {
            return $"at most {MaxAccounts} genesis accounts";
        }

        for (var i = 1; i < Accounts.Count; i++)
        {
            if (Accounts[i].Address <= Accounts[i - 1].Address)
            {
                return "genesis accounts must be sorted by address without duplicates";
            }
        }

        try
        {
            _ = TotalSupply();
        }
        catch (OverflowException)
        {
            return "genesis balances overflow 64 bits";
        }

        if (Parameters.Staking.Validate() is { } stakingProblem)
        {
            return stakingProblem;
        }

        if (Validators.Count > Parameters.Staking.MaxValidators)
        {
            return "the genesis validator set is larger than maxValidators";
        }

        if (Parameters.ShardCount is 0 or > ProtocolLimits.MaxShards)
        {
            return $"shardCount must be 1..{ProtocolLimits.MaxShards}";
        }

        if (Parameters.ReceiptTimeoutHeights == 0)
        {
            return "receiptTimeoutHeights must be at least 1";
        }

        return Parameters.MaxBlockTransactions is 0 or > (uint)ProtocolLimits.MaxTransactionsPerBlock
            ? $"maxBlockTransactions must be 1..{ProtocolLimits.MaxTransactionsPerBlock}"
            : null;
    }

    public byte[] Encode()
    {
        var w = new CanonicalWriter(256 + (Accounts.Count * 28));
        w.WriteAscii(ChainId);
        w.WriteI64(GenesisTimeUnixMs);
        w.WriteU64(Parameters.MinFee);
        w.WriteU32(Parameters.MaxBlockTransactions);
        w.WriteU16(Parameters.ShardCount);
        w.WriteU64(Parameters.ReceiptTimeoutHeights);
        Parameters.Staking.Write(w);
        w.WriteBytes(Validators.Encode());
        w.WriteU32((uint)Accounts.Count);
        foreach (var a in Accounts)
        {
            w.WriteFixed(a.Address.ToArray());
            w.WriteU64(a.Balance);
        }

        return w.ToArray();
    }

    public static GenesisDocument Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var chainId = r.ReadAscii(ProtocolLimits.MaxChainIdLength);
        var time = r.ReadI64();
        var parameters = new ChainParameters(r.ReadU64(), r.ReadU32()) { ShardCount = r.ReadU16(), ReceiptTimeoutHeights = r.ReadU64(), Staking = StakingParameters.Read(ref r) };
        var validators = ValidatorSet.Decode(r.ReadBytes(4 + (ProtocolLimits.MaxValidators * 40)));
        var count = r.ReadCount(MaxAccounts, 28);
        var accounts = new GenesisAccount[count];
        for (var i = 0; i < count; i++)
        {
            accounts[i] = new GenesisAccount(new Address(r.ReadFixed(Address.Size)), r.ReadU64());
        }

        r.EnsureEnd();
        var doc = new GenesisDocument(chainId, time, parameters, validators, accounts);
        var problem = doc.Validate();
        return problem is null ? doc : throw new DecodeException(problem);
    }
}
