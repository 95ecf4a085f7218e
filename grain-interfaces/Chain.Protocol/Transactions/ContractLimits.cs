namespace Chain.Protocol.Transactions;

/// <summary>
/// Bounds and the gas-to-fee rule of the contract payloads (docs/protocol.md §4.2, docs/contracts.md). Each bound
/// caps the cost of decoding or checking a value; all are consensus rules.
/// </summary>
public static class ContractLimits
{
    /// <summary>Largest WebAssembly module a deploy or upgrade may carry.</summary>
    public const int MaxCodeBytes = 512 * 1024;

    /// <summary>Largest argument string of a deploy (init) or call, and of a contract-to-contract call.</summary>
    public const int MaxArgsBytes = 64 * 1024;

    /// <summary>Longest method name: an exported function name of ASCII letters, digits and '_'.</summary>
    public const int MaxMethodLength = 64;

    /// <summary>Largest gas limit of one transaction or query.</summary>
    public const ulong MaxGasLimit = 100_000_000;

    /// <summary>
    /// Gas bought by one fee unit. A contract transaction's fee must cover <c>minFee + GasFee(gasLimit)</c>; the fee
    /// of unused gas, <c>GasFee(gasLimit) − GasFee(gasUsed)</c>, is refunded.
    /// </summary>
    public const ulong GasPerFeeUnit = 1_000;

    /// <summary>Largest return data of a call frame.</summary>
    public const int MaxReturnBytes = 64 * 1024;

    /// <summary>Longest failure message kept in a receipt (a longer revert reason is cut at this many bytes).</summary>
    public const int MaxMessageBytes = 1024;

    /// <summary>Most events one transaction may emit (committed frames together).</summary>
    public const int MaxEvents = 128;

    /// <summary>Longest event topic (UTF-8).</summary>
    public const int MaxTopicBytes = 64;

    /// <summary>Largest event data.</summary>
    public const int MaxEventDataBytes = 16 * 1024;

    /// <summary>Longest storage key a contract may use (the host adds a 21-byte prefix).</summary>
    public const int MaxStorageKeyBytes = 256;

    /// <summary>Largest storage value a contract may write.</summary>
    public const int MaxStorageValueBytes = 64 * 1024;

    /// <summary>The fee units that pay for <paramref name="gas"/>: <c>ceil(gas / GasPerFeeUnit)</c>.</summary>
    public static ulong GasFee(ulong gas) => (gas / GasPerFeeUnit) + (gas % GasPerFeeUnit == 0 ? 0UL : 1UL);

    /// <summary>True when <paramref name="method"/> may be called: 1 to 64 of [A-Za-z0-9_], not <c>init</c>, not starting with <c>__</c>.</summary>
    public static bool IsCallableMethod(string method)
    {
        if (method.Length is 0 or > MaxMethodLength || method == "init" || method.StartsWith("__", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in method)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
