import * as env from "./env";
import { Address, attachedValue, caller } from "./context";
import { fromUtf8, isValidUtf8, utf8 } from "./bytes";

/** Outcome of a cross-contract call, as the host reports it. */
export const enum CallStatus { Ok = 0, Reverted = 1, Failed = 2 }

/** The status of a call and the callee's return data (or its revert reason). */
export class CallResult {
  constructor(public readonly status: CallStatus, public readonly data: Uint8Array) {}

  get ok(): bool { return this.status == CallStatus.Ok; }

  /** The return data as text ("" if it is not valid UTF-8). */
  text(): string {
    return isValidUtf8(this.data.dataStart, this.data.length) ? fromUtf8(this.data) : "";
  }
}

/**
 * Calls `method` on the contract at `to` synchronously (same shard) with JSON `args` and `value`
 * native tokens attached. The callee's writes are rolled back unless the status is Ok; the caller
 * carries on either way and decides what a failure means (often: revert with the callee's reason).
 *
 * `gas` caps what the callee may use. The default (0 here) forwards all but 1/64 of the gas left,
 * so the caller keeps enough to handle a failure.
 */
export function callContract(to: Address, method: string, args: string, value: u64 = 0, gas: u64 = 0): CallResult {
  const m = utf8(method);
  const a = utf8(args);
  const limit = gas != 0 ? gas : env.gas_left() - env.gas_left() / 64;
  const status = env.call(to.bytes.dataStart, m.dataStart, m.length, a.dataStart, a.length, value, limit);
  const n = env.return_data_len();
  const data = new Uint8Array(n);
  if (n > 0) env.return_data_read(data.dataStart);
  return new CallResult(<CallStatus>status, data);
}

/** What `callAsync` did. Only `Sent` means a receipt left; the other two changed nothing. */
export const enum AsyncStatus { Sent = 0, InsufficientBalance = 1, SameShard = 2 }

/**
 * Calls `method` on the contract at `to`, which lives on ANOTHER shard, asynchronously (a synchronous
 * `callContract` to another shard fails with status Failed). `value` leaves this contract now; the
 * callee runs in a later block with `args` (JSON text), `value` attached and at most `gas`; then,
 * in a later block still, this contract's `callback` method runs (see `CallbackResult`) with
 * at most `callbackGas`. Both gas amounts are charged to the current transaction now, in full:
 * the remote runs are prepaid, and what they leave unused is not refunded.
 *
 * If the callee fails (reverts, traps, runs out of gas, does not exist) its writes are dropped and
 * `value` comes back with the callback. If the callback fails, or `callback` is "", the refund is
 * still credited to this contract. The receipt leaves only if this frame and its callers commit.
 *
 * Returns SameShard when `to` lives on this contract's shard (use `callContract`), and
 * InsufficientBalance when this contract cannot pay `value`; nothing is sent then.
 */
export function callAsync(to: Address, method: string, args: string, value: u64, gas: u64, callback: string = "", callbackGas: u64 = 0): AsyncStatus {
  const m = utf8(method);
  const a = utf8(args);
  const c = utf8(callback);
  return <AsyncStatus>env.call_async(to.bytes.dataStart, m.dataStart, m.length, a.dataStart, a.length, value, gas, c.dataStart, c.length, callbackGas);
}

/**
 * Inside a callback method: the outcome of the asynchronous call it answers. `callee()` is the
 * contract that was called (the callback's caller), `status` is 0 when it succeeded, else the
 * receipt status it failed with (12 reverted, 13 out of gas, 16 unknown contract, ...), `data` its
 * return data or failure reason, and `refund()` the value that came back (0 on success).
 *
 * A callback method is an ordinary export: anyone could call it. Check that `callee()` is the
 * contract you called (and that you expect an answer) before trusting the outcome.
 */
export class CallbackResult {
  constructor(public readonly status: u8, public readonly data: Uint8Array) {}

  /** Reads the callback's input (`status u8 | data`). */
  static load(): CallbackResult {
    const n = env.input_len();
    const input = new Uint8Array(n);
    if (n > 0) env.input_read(input.dataStart);
    if (n == 0) return new CallbackResult(<u8>255, new Uint8Array(0));
    return new CallbackResult(input[0], input.subarray(1));
  }

  get ok(): bool { return this.status == 0; }

  callee(): Address { return caller(); }

  refund(): u64 { return attachedValue(); }

  /** The data as text ("" if it is not valid UTF-8). */
  text(): string {
    return isValidUtf8(this.data.dataStart, this.data.length) ? fromUtf8(this.data) : "";
  }
}
