using Chain.Core.State;

namespace Chain.Core.Execution;

/// <summary>
/// Runs contract payloads (deploy, call, upgrade) and read-only queries. Chain.Core knows only this interface; the
/// WebAssembly implementation lives in Chain.Contracts. Rules for an implementation:
/// <list type="bullet">
/// <item>A pure function of (state, context, invocation): no clock, randomness, machine-dependent limits or unordered
/// iteration may change a result, and gas used is exact.</item>
/// <item>Every state read and write goes through the given state view (so the parallel executor sees it), and on any
/// status but <c>Success</c> nothing is written at all: the transaction executor charges the fee and nonce itself.</item>
/// <item>Bad code or input ends in a typed status, never an exception; an exception means a broken invariant.</item>
/// <item>Thread-safe: the parallel executor calls it from several threads at once.</item>
/// </list>
/// </summary>
public interface IContractHost
{
    /// <summary>Executes a contract payload against <paramref name="state"/>; writes happen only on success.</summary>
    ContractResult Execute(IStateView state, BlockContext context, ContractInvocation invocation);

    /// <summary>Runs a method read-only (no signature, no fee): any write, transfer, event or value fails with <c>ReadOnlyViolation</c>.</summary>
    ContractResult Query(IStateReader state, BlockContext context, ContractQuery query);
}
