import * as env from "./env";
import { revert } from "./revert";
import { Address } from "./context";
import { fromUtf8, isValidUtf8, utf8 } from "./bytes";

/** Longest storage key the host accepts, in bytes. */
export const MAX_KEY_BYTES: i32 = 256;
/** Largest storage value the host accepts, in bytes. */
export const MAX_VALUE_BYTES: i32 = 64 * 1024;

/**
 * A storage key built from components, each written as a one-byte length followed by its bytes.
 * The encoding is prefix-free, so keys of different maps never collide: Key.of("bal").addr(a) and
 * Key.of("ba").str("l…") differ in their first length byte. The first component names the map.
 *
 *   Key.of("allowance").addr(owner).addr(spender)
 */
export class Key {
  private buf: Uint8Array = new Uint8Array(MAX_KEY_BYTES);
  private len: i32 = 0;

  static of(map: string): Key {
    return new Key().str(map);
  }

  private component(ptr: usize, len: i32): Key {
    if (len > 255) revert("storage: key component longer than 255 bytes");
    if (this.len + 1 + len > MAX_KEY_BYTES) revert("storage: key longer than 256 bytes");
    this.buf[this.len] = <u8>len;
    memory.copy(this.buf.dataStart + this.len + 1, ptr, len);
    this.len += 1 + len;
    return this;
  }

  str(s: string): Key {
    const b = utf8(s);
    return this.component(b.dataStart, b.length);
  }

  addr(a: Address): Key {
    return this.component(a.bytes.dataStart, a.bytes.length);
  }

  /** A u64 component, 8 bytes big-endian (so numeric order is byte order). */
  u64(v: u64): Key {
    const slot = memory.data(8);
    store<u64>(slot, bswap<u64>(v));
    return this.component(slot, 8);
  }

  bytes(b: Uint8Array): Key {
    return this.component(b.dataStart, b.length);
  }

  /** The encoded key (a view of this key's buffer). */
  encode(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/** Typed contract storage. Values: u64 as 8 bytes little-endian, bool as one byte, strings as UTF-8. */
export namespace Storage {
  /** The raw value under `key`, or null when absent. */
  export function getBytes(key: Key): Uint8Array | null {
    const k = key.encode();
    // Most values are small: read into a 64-byte buffer first and again only if it was too short.
    let out = new Uint8Array(64);
    const n = env.storage_read(k.dataStart, k.length, out.dataStart, out.length);
    if (n < 0) return null;
    if (n > out.length) {
      out = new Uint8Array(n);
      env.storage_read(k.dataStart, k.length, out.dataStart, n);
      return out;
    }
    return out.subarray(0, n);
  }

  export function setBytes(key: Key, value: Uint8Array): void {
    if (value.length > MAX_VALUE_BYTES) revert("storage: value larger than 64 KiB");
    const k = key.encode();
    env.storage_write(k.dataStart, k.length, value.dataStart, value.length);
  }

  export function has(key: Key): bool {
    const k = key.encode();
    return env.storage_read(k.dataStart, k.length, 0, 0) >= 0;
  }

  /** Removes `key`; returns whether it existed. */
  export function remove(key: Key): bool {
    const k = key.encode();
    return env.storage_remove(k.dataStart, k.length) == 1;
  }

  export function getU64(key: Key, fallback: u64 = 0): u64 {
    const b = getBytes(key);
    if (b == null) return fallback;
    if (b.length != 8) revert("storage: corrupt u64 value");
    return load<u64>(b.dataStart);
  }

  export function setU64(key: Key, v: u64): void {
    const b = new Uint8Array(8);
    store<u64>(b.dataStart, v);
    setBytes(key, b);
  }

  export function getBool(key: Key, fallback: bool = false): bool {
    const b = getBytes(key);
    if (b == null) return fallback;
    if (b.length != 1 || b[0] > 1) revert("storage: corrupt bool value");
    return b[0] == 1;
  }

  export function setBool(key: Key, v: bool): void {
    const b = new Uint8Array(1);
    b[0] = v ? 1 : 0;
    setBytes(key, b);
  }

  export function getString(key: Key, fallback: string = ""): string {
    const b = getBytes(key);
    if (b == null) return fallback;
    if (!isValidUtf8(b.dataStart, b.length)) revert("storage: corrupt string value");
    return fromUtf8(b);
  }

  export function setString(key: Key, v: string): void {
    setBytes(key, utf8(v));
  }

  export function getAddress(key: Key): Address | null {
    const b = getBytes(key);
    if (b == null) return null;
    if (b.length != 20) revert("storage: corrupt address value");
    return new Address(b.slice(0));
  }

  export function setAddress(key: Key, a: Address): void {
    setBytes(key, a.bytes);
  }
}
