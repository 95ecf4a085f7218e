using Wasmtime;

namespace Chain.Tests.Unit.Contracts;

/// <summary>Hand-written WAT contracts against docs/contracts.md, one per behaviour and failure mode.</summary>
internal static class Fixtures
{
    /// <summary>
    /// A counter: <c>init</c> (args: optional 8-byte start value), <c>increment</c> (event "incremented"), <c>get</c>,
    /// <c>fail_after_write</c> (writes 999, emits, then reverts "nope"), <c>call_other</c> (args: callee 20 | method;
    /// stores the status under "mark" and returns it), <c>reenter</c> (calls itself).
    /// </summary>
    public const string CounterWat = """
        (module
          (import "env" "input_len" (func $input_len (result i32)))
          (import "env" "input_read" (func $input_read (param i32)))
          (import "env" "storage_read" (func $storage_read (param i32 i32 i32 i32) (result i32)))
          (import "env" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
          (import "env" "emit_event" (func $emit_event (param i32 i32 i32 i32)))
          (import "env" "set_return" (func $set_return (param i32 i32)))
          (import "env" "revert" (func $revert (param i32 i32)))
          (import "env" "self_address" (func $self_address (param i32)))
          (import "env" "call" (func $call (param i32 i32 i32 i32 i32 i64 i64) (result i32)))
          (memory (export "memory") 2)
          (data (i32.const 0) "count")
          (data (i32.const 16) "incremented")
          (data (i32.const 32) "nope")
          (data (i32.const 40) "mark")
          (data (i32.const 48) "get")
          (func $load (result i64)
            (i64.store (i32.const 64) (i64.const 0))
            (drop (call $storage_read (i32.const 0) (i32.const 5) (i32.const 64) (i32.const 8)))
            (i64.load (i32.const 64)))
          (func $save (param $v i64)
            (i64.store (i32.const 64) (local.get $v))
            (call $storage_write (i32.const 0) (i32.const 5) (i32.const 64) (i32.const 8)))
          (func (export "init")
            (if (i32.eq (call $input_len) (i32.const 8))
              (then (call $input_read (i32.const 64)) (call $save (i64.load (i32.const 64))))
              (else (call $save (i64.const 0)))))
          (func (export "increment")
            (call $save (i64.add (call $load) (i64.const 1)))
            (call $emit_event (i32.const 16) (i32.const 11) (i32.const 64) (i32.const 8))
            (call $set_return (i32.const 64) (i32.const 8)))
          (func (export "get")
            (drop (call $load))
            (call $set_return (i32.const 64) (i32.const 8)))
          (func (export "fail_after_write")
            (call $save (i64.const 999))
            (call $emit_event (i32.const 16) (i32.const 11) (i32.const 64) (i32.const 8))
            (call $revert (i32.const 32) (i32.const 4)))
          (func (export "call_other")
            (local $n i32) (local $status i32)
            (local.set $n (call $input_len))
            (call $input_read (i32.const 128))
            (local.set $status (call $call (i32.const 128) (i32.const 148) (i32.sub (local.get $n) (i32.const 20))
              (i32.const 0) (i32.const 0) (i64.const 0) (i64.const 0)))
            (i32.store (i32.const 256) (local.get $status))
            (call $storage_write (i32.const 40) (i32.const 4) (i32.const 256) (i32.const 4))
            (call $set_return (i32.const 256) (i32.const 4)))
          (func (export "reenter")
            (call $self_address (i32.const 128))
            (drop (call $call (i32.const 128) (i32.const 48) (i32.const 3) (i32.const 0) (i32.const 0) (i64.const 0) (i64.const 0))))
        )
        """;

    /// <summary>Every runtime failure mode; each method first writes "x" = "y", which must never survive.</summary>
    public const string HostileWat = """
        (module
          (import "env" "storage_write" (func $sw (param i32 i32 i32 i32)))
          (import "env" "set_return" (func $sr (param i32 i32)))
          (memory (export "memory") 2)
          (data (i32.const 0) "xy")
          (func $write (call $sw (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 1)))
          (func $rec (param $n i32) (result i32) (i32.add (call $rec (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
          (func (export "ok") (call $write))
          (func (export "spin") (call $write) (loop $l (br $l)))
          (func (export "grow") (call $write)
            (loop $l (if (i32.eq (memory.grow (i32.const 16)) (i32.const -1)) (then unreachable)) (br $l)))
          (func (export "recurse") (call $write) (drop (call $rec (i32.const 0))))
          (func (export "huge") (call $write) (call $sr (i32.const 0) (i32.const 65537)))
          (func (export "trap") (call $write) (drop (i32.div_s (i32.const 1) (i32.const 0))))
          (func (export "oob") (call $write) (drop (i32.load (i32.const 1000000000))))
        )
        """;

    /// <summary>The smallest useful contract: one 1-byte storage write. Its gas is pinned from the schedule.</summary>
    public const string TinyWat = """
        (module
          (import "env" "storage_write" (func $sw (param i32 i32 i32 i32)))
          (memory (export "memory") 1)
          (func (export "ok") (call $sw (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 1)))
        )
        """;

    public const string UnknownImportWat = """(module (import "env" "seed" (func)) (memory (export "memory") 1) (func (export "ok")))""";

    public const string WrongSignatureWat = """(module (import "env" "storage_read" (func (param i32))) (memory (export "memory") 1) (func (export "ok")))""";

    public const string SimdWat = """(module (memory (export "memory") 1) (func (export "ok") (drop (v128.const i64x2 1 2))))""";

    public const string ThreadsWat = """(module (memory (export "memory") 1 1 shared) (func (export "ok")))""";

    public const string NoMemoryWat = """(module (func (export "ok")))""";

    public const string HugeMemoryWat = """(module (memory (export "memory") 300) (func (export "ok")))""";

    public static readonly byte[] Malformed = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0xff, 0xff, 0x00];

    public static byte[] Counter { get; } = Module.ConvertText(CounterWat);

    /// <summary>The counter with one more method, <c>v2</c>: the upgrade target.</summary>
    public static byte[] CounterV2 { get; } = Module.ConvertText(CounterWat.TrimEnd().TrimEnd(')') + """(func (export "v2")))""");

    public static byte[] Hostile { get; } = Module.ConvertText(HostileWat);

    public static byte[] Tiny { get; } = Module.ConvertText(TinyWat);

    public static byte[] Wasm(string wat) => Module.ConvertText(wat);
}
