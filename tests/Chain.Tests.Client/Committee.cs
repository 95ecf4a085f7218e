using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Client;

/// <summary>A validator set with its private keys, so tests can build real certificates by any subset of it.</summary>
internal sealed class Committee : IDisposable
{
    public Committee(int size, ulong power = 10)
    {
        Keys = [.. Enumerable.Range(0, size).Select(_ => KeyPair.Generate())];
        Set = new ValidatorSet(Keys.Select(k => new Validator(k.PublicKey, power)));
    }

    public KeyPair[] Keys { get; }

    public ValidatorSet Set { get; }

    /// <summary>Precommits over <paramref name="header"/> by the first <paramref name="signers"/> members in set order (default: all).</summary>
    public QuorumCertificate Certify(BlockHeader header, int? signers = null, uint round = 0)
    {
        var message = new Vote(VoteKind.Precommit, header.ChainId, header.Height, round, header.Hash()).SigningBytes();
        var signatures = Set.Validators
            .Take(signers ?? Set.Count)
            .Select((v, i) => new CommitSignature((uint)i, Keys.Single(k => k.PublicKey == v.PublicKey).Sign(message)))
            .ToArray();
        return new QuorumCertificate(header.Height, round, header.Hash(), signatures);
    }

    public void Dispose()
    {
        foreach (var key in Keys)
        {
            key.Dispose();
        }
    }
}
