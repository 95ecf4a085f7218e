// A fungible token: a fixed supply minted to the deployer at init, transfers, and allowances.
// Amounts are u64; they are read as JSON numbers or decimal strings and written as decimal strings.

import {
  Address, Args, JsonWriter, Key, Storage,
  caller, emit, requireNoValue, returnJson, revert,
} from "../../sdk";

function balanceKey(owner: Address): Key { return Key.of("balance").addr(owner); }
function allowanceKey(owner: Address, spender: Address): Key { return Key.of("allowance").addr(owner).addr(spender); }
const NAME = Key.of("name");
const SYMBOL = Key.of("symbol");
const SUPPLY = Key.of("supply");

function move(from: Address, to: Address, amount: u64): void {
  if (amount == 0) revert("amount must be greater than zero");
  const fromBalance = Storage.getU64(balanceKey(from));
  if (fromBalance < amount) revert("insufficient balance");
  Storage.setU64(balanceKey(from), fromBalance - amount);
  // Balances sum to the supply, a u64, so this cannot overflow; checked anyway.
  const toBalance = Storage.getU64(balanceKey(to));
  if (toBalance > u64.MAX_VALUE - amount) revert("balance overflow");
  Storage.setU64(balanceKey(to), toBalance + amount);
  emit("transfer", new JsonWriter().begin()
    .str("from", from.toString()).str("to", to.toString()).amount("amount", amount).end());
}

/** init {name, symbol, supply}: mints the whole supply to the deployer. */
export function init(): void {
  requireNoValue();
  const args = Args.load(["name", "symbol", "supply"]);
  const name = args.string("name", 64);
  const symbol = args.string("symbol", 16);
  const supply = args.u64("supply");
  if (Storage.has(SUPPLY)) revert("already initialised");
  const owner = caller();
  Storage.setString(NAME, name);
  Storage.setString(SYMBOL, symbol);
  Storage.setU64(SUPPLY, supply);
  Storage.setU64(balanceKey(owner), supply);
  emit("transfer", new JsonWriter().begin()
    .nul("from").str("to", owner.toString()).amount("amount", supply).end());
}

/** transfer {to, amount}: moves the caller's tokens. */
export function transfer(): void {
  requireNoValue();
  const args = Args.load(["to", "amount"]);
  const to = args.address("to");
  const amount = args.u64("amount");
  move(caller(), to, amount);
}

/** approve {spender, amount}: sets (not adds to) what `spender` may move from the caller's balance. */
export function approve(): void {
  requireNoValue();
  const args = Args.load(["spender", "amount"]);
  const spender = args.address("spender");
  const amount = args.u64("amount");
  const owner = caller();
  if (owner.equals(spender)) revert("cannot approve yourself");
  Storage.setU64(allowanceKey(owner, spender), amount);
  emit("approval", new JsonWriter().begin()
    .str("owner", owner.toString()).str("spender", spender.toString()).amount("amount", amount).end());
}

/** transfer_from {from, to, amount}: the caller spends an allowance `from` gave it. */
export function transfer_from(): void {
  requireNoValue();
  const args = Args.load(["from", "to", "amount"]);
  const from = args.address("from");
  const to = args.address("to");
  const amount = args.u64("amount");
  const spender = caller();
  const allowed = Storage.getU64(allowanceKey(from, spender));
  if (allowed < amount) revert("allowance exceeded");
  Storage.setU64(allowanceKey(from, spender), allowed - amount);
  move(from, to, amount);
}

/** balance_of {owner} -> {"owner": "chain1…", "balance": "N"} */
export function balance_of(): void {
  const owner = Args.load(["owner"]).address("owner");
  returnJson(new JsonWriter().begin()
    .str("owner", owner.toString()).amount("balance", Storage.getU64(balanceKey(owner))).end());
}

/** allowance {owner, spender} -> {"owner", "spender", "allowance": "N"} */
export function allowance(): void {
  const args = Args.load(["owner", "spender"]);
  const owner = args.address("owner");
  const spender = args.address("spender");
  returnJson(new JsonWriter().begin()
    .str("owner", owner.toString()).str("spender", spender.toString())
    .amount("allowance", Storage.getU64(allowanceKey(owner, spender))).end());
}

/** total_supply -> {"total_supply": "N"} */
export function total_supply(): void {
  Args.load([]);
  returnJson(new JsonWriter().begin().amount("total_supply", Storage.getU64(SUPPLY)).end());
}

/** metadata -> {"name", "symbol", "decimals": 0, "total_supply": "N"} */
export function metadata(): void {
  Args.load([]);
  returnJson(new JsonWriter().begin()
    .str("name", Storage.getString(NAME)).str("symbol", Storage.getString(SYMBOL))
    .num("decimals", 0).amount("total_supply", Storage.getU64(SUPPLY)).end());
}
