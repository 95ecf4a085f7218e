// DEV SMOKE TEST ONLY: a small JavaScript stand-in for the Chain contract host (ABI v1), used to
// exercise the SDK and the examples in Node while the real Wasmtime host is written. It has no
// gas metering, no limits beyond a few sanity checks, and is not the acceptance test: the grain
// tests against the real host are.
import { readFileSync } from "node:fs";

const ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
function polymod(values) {
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}
const hrpExpand = (hrp) => [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
function toGroups(bytes) {
  const out = []; let acc = 0, bits = 0;
  for (const b of bytes) { acc = (acc << 8) | b; bits += 8; while (bits >= 5) { bits -= 5; out.push((acc >> bits) & 31); } }
  return out;
}
export function formatAddress(bytes) {
  const data = toGroups(bytes);
  const pm = polymod(hrpExpand("chain").concat(data, [0, 0, 0, 0, 0, 0])) ^ 0x2bc830a3;
  const check = [0, 1, 2, 3, 4, 5].map((i) => (pm >>> (5 * (5 - i))) & 31);
  return "chain1" + data.concat(check).map((d) => ALPHABET[d]).join("");
}
export function parseAddress(text) {
  if (!/^chain1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{38}$/.test(text)) return null;
  const data = [...text.slice(6)].map((c) => ALPHABET.indexOf(c));
  if (polymod(hrpExpand("chain").concat(data)) !== 0x2bc830a3) return null;
  const out = []; let acc = 0, bits = 0;
  for (const d of data.slice(0, 32)) { acc = (acc << 5) | d; bits += 5; if (bits >= 8) { bits -= 8; out.push((acc >> bits) & 255); } }
  return Uint8Array.from(out);
}
export const addressOf = (n) => Uint8Array.from({ length: 20 }, (_, i) => (i === 19 ? n : 0x11 * (i % 7)));

class Revert extends Error {
  constructor(reason) { super(reason); this.reason = reason; }
}
const hex = (b) => Buffer.from(b).toString("hex");
const utf8 = new TextDecoder("utf-8", { fatal: true });

export class Chain {
  constructor() { this.contracts = new Map(); this.height = 1n; this.time = 1_700_000_000_000n; this.events = []; this.nextId = 200; }

  deploy(wasmPath, deployer, args = "") {
    const address = addressOf(this.nextId++);
    const module = new WebAssembly.Module(readFileSync(wasmPath));
    this.contracts.set(hex(address), { module, storage: new Map(), balance: 0n });
    const receipt = this.invoke(address, "init", deployer, args, 0n, false, true);
    if (!receipt.ok) throw new Error("init failed: " + receipt.reason);
    return address;
  }

  call(address, method, sender, args = "", value = 0n) { return this.invoke(address, method, sender, args, value, false, false); }
  query(address, method, args = "") { return this.invoke(address, method, new Uint8Array(20), args, 0n, true, false); }

  invoke(address, method, caller, args, value, readOnly, allowInit) {
    const events = [];
    const r = this.frame(address, method, caller, args instanceof Uint8Array ? args : new TextEncoder().encode(typeof args === "string" ? args : JSON.stringify(args)), value, readOnly, allowInit, events, 0);
    if (r.status === 0) this.events.push(...events.map((e) => ({ contract: formatAddress(address), ...e })));
    const text = r.data.length ? utf8.decode(r.data) : "";
    return r.status === 0
      ? { ok: true, events, json: text ? JSON.parse(text) : null }
      : { ok: false, status: r.status, reason: text };
  }

  frame(address, method, caller, input, value, readOnly, allowInit, events, depth) {
    const contract = this.contracts.get(hex(address));
    if (!contract || depth > 8) return { status: 2, data: new TextEncoder().encode("no contract or depth") };
    // hex key -> Uint8Array or null (removed); committed when this frame succeeds. Simplification: a
    // nested callee commits on its own success even if its caller later reverts (the real host rolls back).
    const writes = new Map();
    const frameEvents = [];
    let ret = new Uint8Array(0), last = new Uint8Array(0), memory;
    const mem = () => new Uint8Array(memory.buffer);
    const bytes = (p, n) => mem().slice(p, p + n);
    const read = (k) => (writes.has(k) ? writes.get(k) : contract.storage.get(k) ?? null);
    const guardWrite = () => { if (readOnly) throw new Revert("read-only"); };
    const env = {
      input_len: () => input.length,
      input_read: (p) => mem().set(input, p),
      storage_read: (kp, kl, op, cap) => {
        const v = read(hex(bytes(kp, kl)));
        if (v === null) return -1;
        mem().set(v.subarray(0, Math.min(v.length, cap)), op);
        return v.length;
      },
      storage_write: (kp, kl, vp, vl) => { guardWrite(); if (kl > 256 || vl > 65536) throw new Revert("limit"); writes.set(hex(bytes(kp, kl)), bytes(vp, vl)); },
      storage_remove: (kp, kl) => { guardWrite(); const k = hex(bytes(kp, kl)); const had = read(k) !== null; writes.set(k, null); return had ? 1 : 0; },
      caller: (p) => mem().set(caller, p),
      self_address: (p) => mem().set(address, p),
      value: () => value,
      balance: () => contract.balance,
      block_height: () => this.height,
      block_time: () => this.time,
      transfer: () => { guardWrite(); return 1; },
      call: (ap, mp, ml, argp, argl, v, gas) => {
        if (readOnly && v !== 0n) throw new Revert("read-only");
        const r = this.frame(bytes(ap, 20), utf8.decode(bytes(mp, ml)), address, bytes(argp, argl), v, readOnly, false, frameEvents, depth + 1);
        last = r.data;
        return r.status;
      },
      return_data_len: () => last.length,
      return_data_read: (p) => mem().set(last, p),
      emit_event: (tp, tl, dp, dl) => { guardWrite(); frameEvents.push({ topic: utf8.decode(bytes(tp, tl)), data: JSON.parse(utf8.decode(bytes(dp, dl))) }); },
      set_return: (p, n) => { ret = bytes(p, n); },
      revert: (p, n) => { throw new Revert(utf8.decode(bytes(p, n))); },
      gas_left: () => 1_000_000_000n,
      address_parse: (tp, tl, op) => { const a = parseAddress(utf8.decode(bytes(tp, tl))); if (!a) return 1; mem().set(a, op); return 0; },
      address_format: (ap, op) => { const t = new TextEncoder().encode(formatAddress(bytes(ap, 20))); mem().set(t, op); return t.length; },
      abort: (mp, fp, line, col) => {
        const str = (p) => (p ? Buffer.from(bytes(p, new Uint32Array(memory.buffer, p - 4, 1)[0])).toString("utf16le") : "");
        throw new Revert(`abort: ${str(mp)} at ${str(fp)}:${line}:${col}`);
      },
    };
    try {
      if (method.startsWith("__") || (method === "init" && !allowInit)) throw new Revert("unknown method");
      const instance = new WebAssembly.Instance(contract.module, { env });
      memory = instance.exports.memory;
      const fn = instance.exports[method];
      if (typeof fn !== "function") {
        if (method === "init") return { status: 0, data: new Uint8Array(0) };
        return { status: 2, data: new TextEncoder().encode("unknown method " + method) };
      }
      fn();
    } catch (e) {
      if (e instanceof Revert) return { status: 1, data: new TextEncoder().encode(e.reason) };
      return { status: 2, data: new TextEncoder().encode("trap: " + e.message) };
    }
    for (const [k, v] of writes) { if (v === null) contract.storage.delete(k); else contract.storage.set(k, v); }
    events.push(...frameEvents);
    return { status: 0, data: ret };
  }
}
