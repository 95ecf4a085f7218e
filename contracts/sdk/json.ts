import { revert } from "./revert";
import { isValidUtf8 } from "./bytes";

// A strict JSON reader for contract arguments and a JSON writer for return values and events.
//
// The reader accepts exactly one flat object whose values are strings, non-negative integers,
// booleans, null, or arrays of strings. It runs in one pass over the input (linear cost), with
// bounds on input size, key count and array length, and reverts with "args: ..." on anything
// else: malformed JSON, invalid UTF-8, duplicate keys, nested objects, fractions, exponents,
// negative numbers, leading zeros, integers above u64, or trailing bytes. There are no floats.

/** Largest argument text the reader accepts, in bytes. */
export const MAX_ARGS_BYTES: i32 = 16 * 1024;
/** Most keys in an argument object. */
export const MAX_ARGS_KEYS: i32 = 32;
/** Most strings in one array argument. */
export const MAX_ARRAY_ITEMS: i32 = 256;

export const enum JsonKind { Null = 0, Bool = 1, Number = 2, String = 3, Array = 4 }

/** One value of a flat argument object. Numbers are u64; strings keep their decoded text. */
export class JsonValue {
  kind: JsonKind = JsonKind.Null;
  bool: bool = false;
  num: u64 = 0;
  str: string = "";
  items: string[] = [];
}

/** Parses a decimal u64 with no sign, no leading zeros and no overflow; returns false if it is not one. */
export function parseU64Digits(ptr: usize, len: i32, out: usize): bool {
  if (len == 0 || len > 20) return false;
  if (len > 1 && load<u8>(ptr) == 0x30) return false;
  let v: u64 = 0;
  for (let i = 0; i < len; i++) {
    const d = <u32>load<u8>(ptr + i) - 0x30;
    if (d > 9) return false;
    if (v > (u64.MAX_VALUE - d) / 10) return false;
    v = v * 10 + d;
  }
  store<u64>(out, v);
  return true;
}

/** Parses a decimal string such as "1000" into a u64, or reverts with "args: '<key>' ...". */
export function decimalToU64(s: string, key: string): u64 {
  const b = String.UTF8.encode(s);
  const slot = memory.data(8);
  if (!parseU64Digits(changetype<usize>(b), b.byteLength, slot)) {
    revert("args: '" + key + "' must be a u64 as a number or decimal string");
  }
  return load<u64>(slot);
}

class JsonParser {
  pos: i32 = 0;
  constructor(private ptr: usize, private len: i32) {}

  fail(what: string): void {
    revert("args: " + what + " at byte " + this.pos.toString());
  }

  peek(): i32 {
    return this.pos < this.len ? <i32>load<u8>(this.ptr + this.pos) : -1;
  }

  skipWs(): void {
    while (this.pos < this.len) {
      const c = load<u8>(this.ptr + this.pos);
      if (c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) break;
      this.pos++;
    }
  }

  expect(c: i32, what: string): void {
    this.skipWs();
    if (this.peek() != c) this.fail("expected " + what);
    this.pos++;
  }

  literal(word: string): void {
    for (let i = 0; i < word.length; i++) {
      if (this.peek() != word.charCodeAt(i)) this.fail("invalid literal");
      this.pos++;
    }
  }

  hex4(): u32 {
    let v: u32 = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.peek();
      let d: i32 = -1;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x61 + 10;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x41 + 10;
      if (d < 0) this.fail("invalid \\u escape");
      v = (v << 4) | <u32>d;
      this.pos++;
    }
    return v;
  }

  /** A string token; the opening quote is next. Decodes escapes; rejects control bytes and bad UTF-8. */
  string(): string {
    this.skipWs();
    if (this.peek() != 0x22) this.fail("expected string");
    this.pos++;
    const start = this.pos;
    // Fast path: no escapes, so the bytes between the quotes are the text.
    while (this.pos < this.len) {
      const c = load<u8>(this.ptr + this.pos);
      if (c == 0x22 || c == 0x5C || c < 0x20) break;
      this.pos++;
    }
    if (this.pos >= this.len) this.fail("unterminated string");
    const first = load<u8>(this.ptr + this.pos);
    if (first < 0x20) this.fail("control character in string");
    if (!isValidUtf8(this.ptr + start, this.pos - start)) this.fail("invalid UTF-8 in string");
    let text = String.UTF8.decodeUnsafe(this.ptr + start, this.pos - start);
    if (first == 0x22) { this.pos++; return text; }
    // Slow path: escapes follow; collect the rest as UTF-16 code units.
    const units = new Array<i32>();
    while (true) {
      if (this.pos >= this.len) this.fail("unterminated string");
      const c = <i32>load<u8>(this.ptr + this.pos);
      if (c == 0x22) { this.pos++; break; }
      if (c < 0x20) this.fail("control character in string");
      if (c == 0x5C) {
        this.pos++;
        const e = this.peek();
        this.pos++;
        if (e == 0x22) units.push(0x22);
        else if (e == 0x5C) units.push(0x5C);
        else if (e == 0x2F) units.push(0x2F);
        else if (e == 0x62) units.push(0x08);
        else if (e == 0x66) units.push(0x0C);
        else if (e == 0x6E) units.push(0x0A);
        else if (e == 0x72) units.push(0x0D);
        else if (e == 0x74) units.push(0x09);
        else if (e == 0x75) {
          const u = this.hex4();
          if (u >= 0xD800 && u <= 0xDBFF) {
            // A high surrogate must be followed by an escaped low surrogate.
            if (this.peek() != 0x5C) this.fail("lone surrogate");
            this.pos++;
            if (this.peek() != 0x75) this.fail("lone surrogate");
            this.pos++;
            const lo = this.hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) this.fail("lone surrogate");
            units.push(<i32>u);
            units.push(<i32>lo);
          } else {
            if (u >= 0xDC00 && u <= 0xDFFF) this.fail("lone surrogate");
            units.push(<i32>u);
          }
        } else this.fail("invalid escape");
        continue;
      }
      // A run of plain bytes up to the next quote, backslash or control byte.
      const runStart = this.pos;
      while (this.pos < this.len) {
        const d = load<u8>(this.ptr + this.pos);
        if (d == 0x22 || d == 0x5C || d < 0x20) break;
        this.pos++;
      }
      if (!isValidUtf8(this.ptr + runStart, this.pos - runStart)) this.fail("invalid UTF-8 in string");
      const run = String.UTF8.decodeUnsafe(this.ptr + runStart, this.pos - runStart);
      for (let i = 0; i < run.length; i++) units.push(run.charCodeAt(i));
    }
    return text + String.fromCharCodes(units);
  }

  number(): u64 {
    const start = this.pos;
    while (this.pos < this.len) {
      const c = load<u8>(this.ptr + this.pos);
      if (c < 0x30 || c > 0x39) break;
      this.pos++;
    }
    const c = this.peek();
    if (c == 0x2E || c == 0x65 || c == 0x45) this.fail("only integers are accepted");
    const slot = memory.data(8);
    if (!parseU64Digits(this.ptr + start, this.pos - start, slot)) this.fail("integer out of u64 range or with leading zeros");
    return load<u64>(slot);
  }

  value(): JsonValue {
    this.skipWs();
    const v = new JsonValue();
    const c = this.peek();
    if (c == 0x22) { v.kind = JsonKind.String; v.str = this.string(); }
    else if (c >= 0x30 && c <= 0x39) { v.kind = JsonKind.Number; v.num = this.number(); }
    else if (c == 0x74) { this.literal("true"); v.kind = JsonKind.Bool; v.bool = true; }
    else if (c == 0x66) { this.literal("false"); v.kind = JsonKind.Bool; v.bool = false; }
    else if (c == 0x6E) { this.literal("null"); v.kind = JsonKind.Null; }
    else if (c == 0x5B) {
      this.pos++;
      v.kind = JsonKind.Array;
      this.skipWs();
      if (this.peek() == 0x5D) { this.pos++; return v; }
      while (true) {
        if (v.items.length >= MAX_ARRAY_ITEMS) this.fail("array too long");
        v.items.push(this.string());
        this.skipWs();
        const d = this.peek();
        this.pos++;
        if (d == 0x5D) break;
        if (d != 0x2C) { this.pos--; this.fail("expected ',' or ']'"); }
      }
    }
    else if (c == 0x2D) this.fail("negative numbers are not accepted");
    else if (c == 0x7B) this.fail("nested objects are not accepted");
    else this.fail("expected a value");
    return v;
  }
}

/** The arguments of a call: a flat JSON object, parsed strictly (see the file comment). */
export class JsonObject {
  keys: string[] = [];
  values: JsonValue[] = [];

  /** Parses `len` bytes at `ptr`. Empty input (or only whitespace) is the empty object. */
  static parse(ptr: usize, len: i32): JsonObject {
    if (len > MAX_ARGS_BYTES) revert("args: larger than " + MAX_ARGS_BYTES.toString() + " bytes");
    const obj = new JsonObject();
    const p = new JsonParser(ptr, len);
    p.skipWs();
    if (p.pos == len) return obj;
    p.expect(0x7B, "'{'");
    p.skipWs();
    if (p.peek() == 0x7D) {
      p.pos++;
    } else {
      while (true) {
        if (obj.keys.length >= MAX_ARGS_KEYS) p.fail("too many keys");
        const key = p.string();
        for (let i = 0; i < obj.keys.length; i++) {
          if (obj.keys[i] == key) p.fail("duplicate key '" + key + "'");
        }
        p.expect(0x3A, "':'");
        obj.keys.push(key);
        obj.values.push(p.value());
        p.skipWs();
        const d = p.peek();
        p.pos++;
        if (d == 0x7D) break;
        if (d != 0x2C) { p.pos--; p.fail("expected ',' or '}'"); }
      }
    }
    p.skipWs();
    if (p.pos != len) p.fail("trailing bytes after the object");
    return obj;
  }

  /** The value under `key`, or null when absent. An explicit JSON null counts as absent. */
  get(key: string): JsonValue | null {
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i] == key) {
        const v = this.values[i];
        return v.kind == JsonKind.Null ? null : v;
      }
    }
    return null;
  }
}

/** Builds JSON text for return values and event data. u64 amounts go out as decimal strings. */
export class JsonWriter {
  private parts: string[] = [];
  private first: bool[] = [];

  private sep(): void {
    const n = this.first.length;
    if (n == 0) return;
    if (this.first[n - 1]) this.first[n - 1] = false;
    else this.parts.push(",");
  }

  private keyed(key: string): void {
    this.sep();
    this.parts.push(quote(key));
    this.parts.push(":");
  }

  /** Opens an object; inside an object, pass the key it goes under. */
  begin(key: string | null = null): JsonWriter {
    if (key != null) this.keyed(key); else this.sep();
    this.parts.push("{");
    this.first.push(true);
    return this;
  }

  end(): JsonWriter {
    this.parts.push("}");
    this.first.pop();
    return this;
  }

  /** Opens an array; inside an object, pass the key it goes under. */
  beginArray(key: string | null = null): JsonWriter {
    if (key != null) this.keyed(key); else this.sep();
    this.parts.push("[");
    this.first.push(true);
    return this;
  }

  endArray(): JsonWriter {
    this.parts.push("]");
    this.first.pop();
    return this;
  }

  str(key: string, v: string): JsonWriter { this.keyed(key); this.parts.push(quote(v)); return this; }
  /** A u64 as a bare JSON number: for counters, ids and heights (all below 2^53 in practice). */
  num(key: string, v: u64): JsonWriter { this.keyed(key); this.parts.push(v.toString()); return this; }
  /** A u64 as a decimal string: for token amounts, which JSON readers with doubles would round. */
  amount(key: string, v: u64): JsonWriter { this.keyed(key); this.parts.push(quote(v.toString())); return this; }
  bool(key: string, v: bool): JsonWriter { this.keyed(key); this.parts.push(v ? "true" : "false"); return this; }
  nul(key: string): JsonWriter { this.keyed(key); this.parts.push("null"); return this; }

  /** A string array element (inside beginArray). */
  item(v: string): JsonWriter { this.sep(); this.parts.push(quote(v)); return this; }
  /** Already-encoded JSON under `key`; the caller guarantees it is valid (e.g. text this writer made). */
  raw(key: string, json: string): JsonWriter { this.keyed(key); this.parts.push(json); return this; }
  /** An already-encoded JSON array element; the caller guarantees it is valid. */
  rawItem(json: string): JsonWriter { this.sep(); this.parts.push(json); return this; }

  toString(): string { return this.parts.join(""); }
}

/** A JSON string literal for `s`, escaping quotes, backslashes and control characters. */
export function quote(s: string): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c == 0x22 || c == 0x5C) { plain = false; break; }
  }
  if (plain) return "\"" + s + "\"";
  const out = new Array<string>();
  out.push("\"");
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 0x22) out.push("\\\"");
    else if (c == 0x5C) out.push("\\\\");
    else if (c == 0x0A) out.push("\\n");
    else if (c == 0x0D) out.push("\\r");
    else if (c == 0x09) out.push("\\t");
    else if (c < 0x20) out.push("\\u00" + HEX.charAt(c >> 4) + HEX.charAt(c & 15));
    else out.push(String.fromCharCode(c));
  }
  out.push("\"");
  return out.join("");
}

const HEX = "0123456789abcdef";
