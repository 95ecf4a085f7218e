import * as env from "./env";
import { revert } from "./revert";
import { bytesEqual, utf8 } from "./bytes";

/** Length of an account or contract address in bytes. */
export const ADDRESS_LENGTH: i32 = 20;

/** A 20-byte account or contract address. Its text form is Bech32m "chain1…", computed by the host. */
export class Address {
  constructor(public readonly bytes: Uint8Array) {
    if (bytes.length != ADDRESS_LENGTH) revert("address must be 20 bytes");
  }

  /** Parses "chain1…" text through the host, or returns null if it is not a valid address. */
  static tryParse(text: string): Address | null {
    const t = utf8(text);
    const out = new Uint8Array(ADDRESS_LENGTH);
    if (env.address_parse(t.dataStart, t.length, out.dataStart) != 0) return null;
    return new Address(out);
  }

  /** Parses "chain1…" text, reverting with "invalid address '<what>'" if it is not one. */
  static parse(text: string, what: string = "address"): Address {
    const a = Address.tryParse(text);
    if (a == null) revert("invalid address '" + what + "'");
    return a!;
  }

  /** The Bech32m "chain1…" text, formatted by the host. */
  toString(): string {
    const out = new Uint8Array(96);
    const n = env.address_format(this.bytes.dataStart, out.dataStart);
    return String.UTF8.decodeUnsafe(out.dataStart, n);
  }

  equals(other: Address): bool {
    return bytesEqual(this.bytes, other.bytes);
  }
}

/** The immediate caller of this frame: the signing account, or the contract that called this one. */
export function caller(): Address {
  const out = new Uint8Array(ADDRESS_LENGTH);
  env.caller(out.dataStart);
  return new Address(out);
}

/** This contract's own address. */
export function selfAddress(): Address {
  const out = new Uint8Array(ADDRESS_LENGTH);
  env.self_address(out.dataStart);
  return new Address(out);
}

/** Native tokens attached to this call; the host has already credited them to this contract. */
export function attachedValue(): u64 {
  return env.value();
}

/** Reverts if native tokens were attached: a method that does not expect them would trap them here. */
export function requireNoValue(): void {
  if (env.value() != 0) revert("this method does not accept native tokens");
}

/** This contract's native balance. */
export function nativeBalance(): u64 {
  return env.balance();
}

/** Height of the block being executed. */
export function blockHeight(): u64 {
  return env.block_height();
}

/** Block header time in unix milliseconds (the only clock a contract may read). */
export function blockTime(): u64 {
  return env.block_time();
}

/** Gas remaining in this frame. */
export function gasLeft(): u64 {
  return env.gas_left();
}

/** Sends native tokens from this contract; reverts with "insufficient native balance" if it holds too few. */
export function transferNative(to: Address, amount: u64): void {
  if (env.transfer(to.bytes.dataStart, amount) != 0) revert("insufficient native balance");
}
