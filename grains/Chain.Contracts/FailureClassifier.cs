using System.Runtime.ExceptionServices;
using Chain.Protocol.Blocks;
using Wasmtime;

namespace Chain.Contracts;

/// <summary>
/// Turns what a wasm invocation threw into a typed status. Wasmtime wraps host exceptions (as InnerException) and
/// its trap messages vary between versions, so only exception types and <see cref="TrapCode"/> names are used: the
/// message that lands in a receipt is fixed by this code. Any other exception is a broken invariant and is rethrown.
/// </summary>
internal static class FailureClassifier
{
    public static (ReceiptStatus Status, string Message, bool Fatal) Classify(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is ContractFailure failure)
            {
                return (failure.Status, failure.Message, failure.Fatal);
            }
        }

        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is TrapException trap)
            {
                return trap.Type switch
                {
                    TrapCode.OutOfFuel => (ReceiptStatus.OutOfGas, "out of gas", false),
                    TrapCode.StackOverflow => (ReceiptStatus.StackExhausted, "call stack exhausted", false),
                    var code => (ReceiptStatus.Trapped, $"trap: {code}", false),
                };
            }
        }

        if (e is WasmtimeException)
        {
            // Instantiation beyond a Store limit (instances, tables, initial memory): deterministic, counted limits.
            return (ReceiptStatus.Trapped, "trap: instantiation failed", false);
        }

        ExceptionDispatchInfo.Throw(e);
        throw e; // unreachable
    }
}
