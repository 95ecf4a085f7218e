import * as env from "./env";

/**
 * Fails this call frame with a UTF-8 reason: its storage writes and events are discarded and the
 * gas used so far is kept. The host never returns from it.
 *
 * Contracts are built with `--noAssert`, which deletes `assert(...)` silently, so every check on
 * input or state must end in an explicit `revert` (or `require`), never in `assert`.
 */
export function revert(reason: string): void {
  const bytes = String.UTF8.encode(reason);
  env.revert(changetype<usize>(bytes), bytes.byteLength);
  unreachable();
}

/** Reverts with `reason` unless `condition` holds. */
export function require(condition: bool, reason: string): void {
  if (!condition) revert(reason);
}
