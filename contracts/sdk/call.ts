import * as env from "./env";
import { Address } from "./context";
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
