// A courier between shards: `send` forwards the attached native tokens and a JSON message to a
// method of a contract on ANOTHER shard with callAsync, and `on_reply` records the answer when it
// comes back in a later block (or the refund, if the callee failed). `echo` and `refuse` are
// there to be called by a courier on another shard: deploy two and point them at each other.
//
// It shows the asynchronous pattern: nothing is known when `send` returns except that the
// receipt left; the outcome arrives in the callback, which must check who is answering.

import {
  Address, Args, AsyncStatus, CallbackResult, JsonWriter, Key, Storage,
  attachedValue, callAsync, emit, requireNoValue, returnJson, revert,
} from "../../sdk";

const NEXT = Key.of("next");
function expected(callee: Address): Key { return Key.of("expected").addr(callee); }
const LAST_STATUS = Key.of("last_status");
const LAST_REPLY = Key.of("last_reply");
const LAST_REFUND = Key.of("last_refund");

/** send {to, method, message, gas}: forwards the attached value and `message` (JSON text) to `to`'s `method`. */
export function send(): void {
  const args = Args.load(["to", "method", "message", "gas"]);
  const to = args.address("to");
  const method = args.string("method", 64);
  const message = args.string("message", 4096, true);
  const gas = args.u64("gas");
  const status = callAsync(to, method, message, attachedValue(), gas, "on_reply", 200_000);
  if (status == AsyncStatus.SameShard) revert("the callee is on this shard: call it synchronously");
  if (status != AsyncStatus.Sent) revert("cannot pay the value");
  // Remember that an answer from `to` is expected (a counter: several may be in flight).
  Storage.setU64(expected(to), Storage.getU64(expected(to)) + 1);
  const id = Storage.getU64(NEXT) + 1;
  Storage.setU64(NEXT, id);
  emit("sent", new JsonWriter().begin().num("id", id).str("to", to.toString()).str("method", method).amount("value", attachedValue()).end());
  returnJson(new JsonWriter().begin().num("id", id).end());
}

/** The callback of `send`: records the outcome (status 0 = ok), the reply text and the refund. */
export function on_reply(): void {
  const result = CallbackResult.load();
  const from = result.callee();
  const waiting = Storage.getU64(expected(from));
  if (waiting == 0) revert("no call to this contract is waiting for an answer");
  Storage.setU64(expected(from), waiting - 1);
  Storage.setU64(LAST_STATUS, <u64>result.status);
  Storage.setString(LAST_REPLY, result.text());
  Storage.setU64(LAST_REFUND, result.refund());
  emit("reply", new JsonWriter().begin().str("from", from.toString()).num("status", <u64>result.status).str("reply", result.text()).amount("refund", result.refund()).end());
}

/** last {} -> {status, reply, refund}: the last answer recorded (status 255 before any). */
export function last(): void {
  requireNoValue();
  Args.load([]);
  returnJson(new JsonWriter().begin()
    .num("status", Storage.has(LAST_STATUS) ? Storage.getU64(LAST_STATUS) : 255)
    .str("reply", Storage.getString(LAST_REPLY))
    .amount("refund", Storage.getU64(LAST_REFUND)).end());
}

/** echo {text} -> {"echo": text}, keeping any value sent with it. */
export function echo(): void {
  const text = Args.load(["text"]).string("text", 1024, true);
  returnJson(new JsonWriter().begin().str("echo", text).amount("kept", attachedValue()).end());
}

/** refuse: always reverts, so the value sent with it goes back. */
export function refuse(): void {
  revert("refused");
}
