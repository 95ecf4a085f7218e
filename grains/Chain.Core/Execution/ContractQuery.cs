using Chain.Protocol.Crypto;

namespace Chain.Core.Execution;

/// <summary>A read-only call: <paramref name="Caller"/> is what <c>caller</c> returns (the zero address when nobody is named).</summary>
public sealed record ContractQuery(Address Contract, string Method, byte[] Args, ulong GasLimit, Address Caller = default);
