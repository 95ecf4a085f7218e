using Chain.Protocol.Crypto;

namespace Chain.Core.Blocks;

/// <summary>
/// The last finalized point of the chain. At height 0 it is the genesis: its hash is the genesis
/// document's hash and its state root the genesis state's root.
/// </summary>
public sealed record ChainHead(ulong Height, Hash32 BlockHash, long TimeUnixMs, Hash32 StateRoot);
