using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;

namespace Chain.Core.Execution;

/// <summary>What execution may know about the block it runs in: nothing from the local machine.</summary>
public sealed record BlockContext(string ChainId, ulong Height, long TimeUnixMs, Address Proposer, ChainParameters Parameters)
{
    /// <summary>
    /// Runs contract payloads; null where none is configured, and then a contract transaction throws (a configuration
    /// error, never a silent difference). <see cref="BlockExecutor"/> fills it from <see cref="ExecutionOptions.Contracts"/>.
    /// </summary>
    public IContractHost? Contracts { get; init; }
}
