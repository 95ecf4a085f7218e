namespace Chain.Protocol.Transactions;

/// <summary>A payload that runs under the contract host (<see cref="Deploy"/>, <see cref="Call"/>, <see cref="Upgrade"/>): it has a gas limit, and its receipt carries a contract section.</summary>
public interface IContractPayload
{
    /// <summary>The most gas the transaction may use; its fee must cover <c>minFee + ContractLimits.GasFee(GasLimit)</c>.</summary>
    ulong GasLimit { get; }
}
