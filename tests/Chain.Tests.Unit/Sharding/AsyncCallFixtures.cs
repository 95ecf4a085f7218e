using Wasmtime;

namespace Chain.Tests.Unit.Sharding;

/// <summary>Hand-written WAT contracts for asynchronous cross-shard calls (docs/protocol.md §13.4, docs/contracts.md).</summary>
internal static class AsyncCallFixtures
{
    /// <summary>
    /// The caller. <c>send</c> (args: callee 20 | value u64 | mode u8 | method): <c>call_async</c>s the callee's method with args
    /// "hello", the value, 300 000 gas and a callback of 300 000 gas: mode 0 names <c>on_done</c>, 1 <c>bad_done</c> (which
    /// reverts), 2 no callback, 3 <c>on_done</c> and then this frame reverts ("boom"); stores the status under "sent" and returns it.
    /// <c>on_done</c> stores its input's status byte ("status"), the rest ("data"), its value ("value") and caller ("caller").
    /// <c>sync</c> (args: callee 20 | method) calls synchronously and returns the status.
    /// </summary>
    public const string CallerWat = """
        (module
          (import "env" "input_len" (func $input_len (result i32)))
          (import "env" "input_read" (func $input_read (param i32)))
          (import "env" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
          (import "env" "set_return" (func $set_return (param i32 i32)))
          (import "env" "revert" (func $revert (param i32 i32)))
          (import "env" "value" (func $value (result i64)))
          (import "env" "caller" (func $caller (param i32)))
          (import "env" "call" (func $call (param i32 i32 i32 i32 i32 i64 i64) (result i32)))
          (import "env" "call_async" (func $call_async (param i32 i32 i32 i32 i32 i64 i64 i32 i32 i64) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "sent")
          (data (i32.const 8) "status")
          (data (i32.const 16) "data")
          (data (i32.const 24) "value")
          (data (i32.const 32) "caller")
          (data (i32.const 40) "on_done")
          (data (i32.const 48) "hello")
          (data (i32.const 56) "bad_done")
          (data (i32.const 64) "boom")
          (func (export "send")
            (local $n i32) (local $status i32) (local $cb i32) (local $cbl i32) (local $mode i32)
            (local.set $n (call $input_len))
            (call $input_read (i32.const 128))
            (local.set $mode (i32.load8_u (i32.const 156)))
            (local.set $cb (i32.const 40)) (local.set $cbl (i32.const 7))
            (if (i32.eq (local.get $mode) (i32.const 1)) (then (local.set $cb (i32.const 56)) (local.set $cbl (i32.const 8))))
            (if (i32.eq (local.get $mode) (i32.const 2)) (then (local.set $cbl (i32.const 0))))
            (local.set $status (call $call_async (i32.const 128) (i32.const 157) (i32.sub (local.get $n) (i32.const 29))
              (i32.const 48) (i32.const 5) (i64.load (i32.const 148)) (i64.const 300000) (local.get $cb) (local.get $cbl) (i64.const 300000)))
            (i32.store (i32.const 2048) (local.get $status))
            (call $storage_write (i32.const 0) (i32.const 4) (i32.const 2048) (i32.const 4))
            (if (i32.eq (local.get $mode) (i32.const 3)) (then (call $revert (i32.const 64) (i32.const 4))))
            (call $set_return (i32.const 2048) (i32.const 4)))
          (func (export "on_done")
            (local $n i32)
            (local.set $n (call $input_len))
            (call $input_read (i32.const 128))
            (call $storage_write (i32.const 8) (i32.const 6) (i32.const 128) (i32.const 1))
            (call $storage_write (i32.const 16) (i32.const 4) (i32.const 129) (i32.sub (local.get $n) (i32.const 1)))
            (i64.store (i32.const 2048) (call $value))
            (call $storage_write (i32.const 24) (i32.const 5) (i32.const 2048) (i32.const 8))
            (call $caller (i32.const 2056))
            (call $storage_write (i32.const 32) (i32.const 6) (i32.const 2056) (i32.const 20)))
          (func (export "bad_done")
            (call $storage_write (i32.const 8) (i32.const 6) (i32.const 64) (i32.const 1))
            (call $revert (i32.const 64) (i32.const 4)))
          (func (export "sync")
            (local $n i32)
            (local.set $n (call $input_len))
            (call $input_read (i32.const 128))
            (i32.store (i32.const 2048) (call $call (i32.const 128) (i32.const 148) (i32.sub (local.get $n) (i32.const 20))
              (i32.const 0) (i32.const 0) (i64.const 0) (i64.const 0)))
            (call $set_return (i32.const 2048) (i32.const 4)))
        )
        """;

    /// <summary>
    /// The callee. <c>deposit</c> stores its args ("args") and value ("got") and returns "thanks"; <c>refuse</c> writes "x" and
    /// reverts "no thanks"; <c>burn</c> loops until out of gas.
    /// </summary>
    public const string CalleeWat = """
        (module
          (import "env" "input_len" (func $input_len (result i32)))
          (import "env" "input_read" (func $input_read (param i32)))
          (import "env" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
          (import "env" "set_return" (func $set_return (param i32 i32)))
          (import "env" "revert" (func $revert (param i32 i32)))
          (import "env" "value" (func $value (result i64)))
          (memory (export "memory") 1)
          (data (i32.const 0) "args")
          (data (i32.const 8) "got")
          (data (i32.const 16) "thanks")
          (data (i32.const 24) "no thanks")
          (data (i32.const 40) "x")
          (func (export "deposit")
            (local $n i32)
            (local.set $n (call $input_len))
            (call $input_read (i32.const 256))
            (call $storage_write (i32.const 0) (i32.const 4) (i32.const 256) (local.get $n))
            (i64.store (i32.const 128) (call $value))
            (call $storage_write (i32.const 8) (i32.const 3) (i32.const 128) (i32.const 8))
            (call $set_return (i32.const 16) (i32.const 6)))
          (func (export "refuse")
            (call $storage_write (i32.const 40) (i32.const 1) (i32.const 40) (i32.const 1))
            (call $revert (i32.const 24) (i32.const 9)))
          (func (export "burn") (loop $l (br $l)))
        )
        """;

    public static byte[] Caller { get; } = Module.ConvertText(CallerWat);

    public static byte[] Callee { get; } = Module.ConvertText(CalleeWat);
}
