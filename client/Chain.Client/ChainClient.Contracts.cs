using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;

namespace Chain.Client;

public sealed partial class ChainClient
{
    /// <summary>What the node knows of the contract at <paramref name="contract"/>; <see cref="ChainClientErrorKind.NotFound"/> when nothing was deployed there.</summary>
    public async Task<ContractInfo> GetContractAsync(Address contract)
    {
        var info = await CallAsync(() => Contracts(contract.ToString()).GetInfoAsync());
        return info.Exists
            ? info
            : throw new ChainClientException(
                ChainClientErrorKind.NotFound,
                $"no contract is deployed at {contract} (as of height {info.Height}); check the address from the deploy's receipt");
    }

    /// <summary>Runs a method read-only against the latest committed state: no signature, no fee, nothing written.</summary>
    public Task<ContractQueryResult> QueryContractAsync(Address contract, string method, byte[] args, Address? caller = null, ulong gasLimit = 0) =>
        CallAsync(() => Contracts(contract.ToString()).QueryAsync(method, args, caller?.ToArray(), gasLimit));

    /// <summary>A page of the events the contract emitted, oldest first (see <see cref="IContractGrain.GetEventsAsync"/>).</summary>
    public Task<ContractEventPage> GetContractEventsAsync(Address contract, ulong fromHeight, ulong cursor, int limit) =>
        CallAsync(() => Contracts(contract.ToString()).GetEventsAsync(fromHeight, cursor, limit));
}
