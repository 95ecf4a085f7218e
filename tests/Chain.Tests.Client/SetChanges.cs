using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;

namespace Chain.Tests.Client;

/// <summary>
/// A chain whose validator set changes: a genesis committee and the committees that follow it, with
/// honest headers and certificates for any height. Tests tamper with one part of an honest history.
/// </summary>
internal sealed class SetChanges : IDisposable
{
    public const string ChainId = "testnet";

    private readonly List<Committee> _committees = [];

    /// <summary><paramref name="committees"/> sets of <paramref name="size"/> validators: the genesis set first.</summary>
    public SetChanges(int committees = 3, int size = 4)
    {
        for (var i = 0; i < committees; i++)
        {
            _committees.Add(new Committee(size));
        }

        Genesis = new GenesisDocument(ChainId, 0, ChainParameters.Default, _committees[0].Set, []);
    }

    public GenesisDocument Genesis { get; }

    public IReadOnlyList<Committee> Committees => _committees;

    public static BlockHeader Header(ulong height, ValidatorSet current, ValidatorSet next, Hash32 stateRoot = default, Hash32 lastCertificate = default) =>
        new(ChainId, height, Hashing.Sha256(BitConverter.GetBytes(height)), 1_700_000_000_000 + (long)height, FinalizedBlock.TransactionsRoot([]),
            FinalizedBlock.ReceiptsRoot([]), stateRoot, current.Hash, next.Hash, lastCertificate, current.Validators[0].Address, 0);

    /// <summary>The honest change at <paramref name="height"/> from committee <paramref name="from"/> to committee <paramref name="to"/>.</summary>
    public LightClient.SetChange Change(ulong height, int from, int to)
    {
        var header = Header(height, _committees[from].Set, _committees[to].Set);
        return new LightClient.SetChange(header, _committees[from].Certify(header), _committees[to].Set);
    }

    public static ValidatorSetChange Encode(LightClient.SetChange change) =>
        new(change.Header.Encode(), change.Certificate.Encode(), change.NextValidatorSet.Encode());

    public void Dispose()
    {
        foreach (var committee in _committees)
        {
            committee.Dispose();
        }
    }
}
