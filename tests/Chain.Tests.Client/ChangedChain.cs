using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;

namespace Chain.Tests.Client;

/// <summary>
/// A node whose validator set changed twice: committee 0 (genesis) handed over to committee 1 at block 100,
/// and committee 1 to committee 2 at block 200. It serves both changes, every set by hash, and blocks
/// whose certificates are signed by 3 of the 4 members (75% of the power). The genesis is also in a file.
/// </summary>
internal sealed class ChangedChain : IDisposable
{
    public const ulong FirstChange = 100;
    public const ulong SecondChange = 200;

    private readonly TempDirectory _dir = new();

    public ChangedChain()
    {
        Node = new FakeNode(Chain.Genesis);
        Node.Changes.Add(SetChanges.Encode(Chain.Change(FirstChange, 0, 1)));
        Node.Changes.Add(SetChanges.Encode(Chain.Change(SecondChange, 1, 2)));
        foreach (var committee in Chain.Committees)
        {
            Node.Sets[committee.Set.Hash] = committee.Set;
        }

        GenesisFile = _dir.File("genesis.json");
        Protocol.Files.GenesisFile.Write(GenesisFile, Chain.Genesis);
    }

    public SetChanges Chain { get; } = new(committees: 3, size: 4);

    public FakeNode Node { get; }

    public string GenesisFile { get; }

    public string Dir => _dir.Path;

    public static int CommitteeAt(ulong height) => height <= FirstChange ? 0 : height <= SecondChange ? 1 : 2;

    public Committee At(ulong height) => Chain.Committees[CommitteeAt(height)];

    /// <summary>The honest header at <paramref name="height"/>: certified by its committee, naming the next block's committee as next set.</summary>
    public BlockHeader Header(ulong height, Hash32 stateRoot = default, Hash32 previous = default, Hash32 lastCertificate = default) =>
        SetChanges.Header(height, At(height).Set, At(height + 1).Set, stateRoot, lastCertificate) with { PreviousHash = previous };

    /// <summary>An empty block at <paramref name="height"/> with its parent's certificate, served by the node.</summary>
    public FinalizedBlock AddBlock(ulong height)
    {
        var parent = Header(height - 1);
        var parentCertificate = At(height - 1).Certify(parent, signers: 3);
        var chunks = ChunkLayout.Headers(1, [], [], []);
        var header = Header(height, previous: parent.Hash(), lastCertificate: parentCertificate.Hash()) with { ChunksRoot = ChunkHeader.Root(chunks) };
        var block = new FinalizedBlock(header, At(height).Certify(header, signers: 3), parentCertificate, [], []) { Chunks = chunks };
        Node.Blocks[height] = block;
        return block;
    }

    /// <summary>What an honest node answers for the latest validators at <paramref name="height"/>, plus a jailed candidate outside the set.</summary>
    public ValidatorsResult ValidatorsAt(ulong height, KeyPair jailed)
    {
        var header = Header(height);
        var next = At(height + 1);
        ValidatorInfo[] candidates =
        [
            .. next.Set.Validators.Select(v => new ValidatorInfo(v.Address.ToArray(), v.PublicKey.ToArray(), v.Power, v.Power, "active", 0, 1)),
            new ValidatorInfo(jailed.Address.ToArray(), jailed.PublicKey.ToArray(), 7, 0, "jailed", height + 50, 60),
        ];
        return new ValidatorsResult(height, next.Set.Encode(), header.Encode(), At(height).Certify(header, signers: 3).Encode(), candidates, 100, 300);
    }

    public void Dispose()
    {
        Chain.Dispose();
        _dir.Dispose();
    }
}
