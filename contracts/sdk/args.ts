import * as env from "./env";
import { revert } from "./revert";
import { Address } from "./context";
import { JsonKind, JsonObject, JsonValue, MAX_ARGS_BYTES, decimalToU64 } from "./json";

/** The raw bytes of this call's arguments. */
export function inputBytes(): Uint8Array {
  const len = env.input_len();
  if (len > MAX_ARGS_BYTES) revert("args: larger than " + MAX_ARGS_BYTES.toString() + " bytes");
  const buf = new Uint8Array(len);
  if (len > 0) env.input_read(buf.dataStart);
  return buf;
}

/**
 * The call's arguments as a flat JSON object, with typed getters that revert with a clear reason
 * ("args: missing 'to'", "args: 'amount' must be ...") when a value is absent or of the wrong type.
 */
export class Args {
  constructor(public readonly object: JsonObject) {}

  /**
   * Reads and parses the call's input; empty input is the empty object. With `allowed`, any other
   * key reverts with "args: unknown key 'x'", so a misspelt optional argument is not silently ignored.
   */
  static load(allowed: string[] | null = null): Args {
    const b = inputBytes();
    const object = JsonObject.parse(b.dataStart, b.length);
    if (allowed != null) {
      for (let i = 0; i < object.keys.length; i++) {
        if (!allowed.includes(object.keys[i])) revert("args: unknown key '" + object.keys[i] + "'");
      }
    }
    return new Args(object);
  }

  has(key: string): bool {
    return this.object.get(key) != null;
  }

  private need(key: string): JsonValue {
    const v = this.object.get(key);
    if (v == null) revert("args: missing '" + key + "'");
    return v!;
  }

  private typeError(key: string, what: string): void {
    revert("args: '" + key + "' must be " + what);
  }

  /** A required string, at most `maxBytes` UTF-8 bytes and, unless `allowEmpty`, not empty. */
  string(key: string, maxBytes: i32 = 1024, allowEmpty: bool = false): string {
    const v = this.need(key);
    if (v.kind != JsonKind.String) this.typeError(key, "a string");
    const n = String.UTF8.byteLength(v.str);
    if (n == 0 && !allowEmpty) revert("args: '" + key + "' must not be empty");
    if (n > maxBytes) revert("args: '" + key + "' is longer than " + maxBytes.toString() + " bytes");
    return v.str;
  }

  /** An optional string: `fallback` when absent or null. */
  stringOr(key: string, fallback: string, maxBytes: i32 = 1024): string {
    return this.has(key) ? this.string(key, maxBytes, true) : fallback;
  }

  /** A required u64, given as a JSON integer or a decimal string ("100"). */
  u64(key: string): u64 {
    const v = this.need(key);
    if (v.kind == JsonKind.Number) return v.num;
    if (v.kind == JsonKind.String) return decimalToU64(v.str, key);
    this.typeError(key, "a u64 as a number or decimal string");
    return 0;
  }

  /** An optional u64: `fallback` when absent or null. */
  u64Or(key: string, fallback: u64): u64 {
    return this.has(key) ? this.u64(key) : fallback;
  }

  /** A required boolean. */
  bool(key: string): bool {
    const v = this.need(key);
    if (v.kind != JsonKind.Bool) this.typeError(key, "true or false");
    return v.bool;
  }

  /** A required "chain1…" address, parsed by the host. */
  address(key: string): Address {
    return Address.parse(this.string(key, 90), key);
  }

  /** An optional address: null when absent or null. */
  addressOr(key: string): Address | null {
    return this.has(key) ? this.address(key) : null;
  }

  /** A required array of strings. */
  strings(key: string): string[] {
    const v = this.need(key);
    if (v.kind != JsonKind.Array) this.typeError(key, "an array of strings");
    return v.items;
  }
}
