using System.Collections.Concurrent;
using Chain.Core.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Grains.Consensus;

/// <summary>
/// Blocks a validator on this silo re-executed and saw decided, by block hash, so the ledger on the same silo
/// can commit them without executing them again: execution is deterministic and the replica was at the same
/// height, so its write set is the ledger's. The ledger still checks the certificate and that the header is
/// the one certified; a block missing here (another silo decided it, or after a restart) is re-executed.
/// Silo-local memory, bounded to the last few heights.
/// </summary>
public sealed class DecidedBlocks
{
    private const int Capacity = 8;
    private readonly ConcurrentDictionary<Hash32, ProposedBlock> _blocks = new();
    private readonly ConcurrentQueue<Hash32> _order = new();

    public void Add(ProposedBlock block)
    {
        var hash = block.Header.Hash();
        if (_blocks.TryAdd(hash, block))
        {
            _order.Enqueue(hash);
            while (_order.Count > Capacity && _order.TryDequeue(out var old))
            {
                _blocks.TryRemove(old, out _);
            }
        }
    }

    /// <summary>The block with this hash, if a validator here decided it.</summary>
    public ProposedBlock? Find(Hash32 hash) => _blocks.GetValueOrDefault(hash);
}
