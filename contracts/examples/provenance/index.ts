// A supply-chain provenance registry. Whoever registers an item is its creator and first
// custodian; only the current custodian may hand it on or record a checkpoint. Every step is
// appended to the item's history, stored as one JSON entry per step and never rewritten.

import {
  Address, Args, JsonWriter, Key, Storage,
  blockHeight, blockTime, caller, emit, requireNoValue, returnJson, revert,
} from "../../sdk";

/** Most history entries one `history` query returns. */
const MAX_PAGE: u64 = 100;

function itemKey(id: string, name: string): Key { return Key.of("item").str(id).str(name); }
function entryKey(id: string, n: u64): Key { return Key.of("entry").str(id).u64(n); }

function requireItem(id: string): void {
  if (!Storage.has(itemKey(id, "creator"))) revert("no item '" + id + "'");
}

function requireCustodian(id: string, who: Address): void {
  if (!Storage.getAddress(itemKey(id, "custodian"))!.equals(who)) revert("only the current custodian may do this");
}

/** Starts the next history entry of `id`: {"seq", "kind", "height", "time", "by", ...}; finish it with `append`. */
function entry(id: string, kind: string, by: Address): JsonWriter {
  return new JsonWriter().begin()
    .num("seq", Storage.getU64(itemKey(id, "entries"))).str("kind", kind)
    .num("height", blockHeight()).num("time", blockTime()).str("by", by.toString());
}

function append(id: string, entry: JsonWriter): void {
  const n = Storage.getU64(itemKey(id, "entries"));
  Storage.setString(entryKey(id, n), entry.end().toString());
  Storage.setU64(itemKey(id, "entries"), n + 1);
}

/** register {id, description}: the caller becomes creator and custodian. */
export function register(): void {
  requireNoValue();
  const args = Args.load(["id", "description"]);
  const id = args.string("id", 64);
  const description = args.string("description", 512);
  if (Storage.has(itemKey(id, "creator"))) revert("item '" + id + "' is already registered");
  const creator = caller();
  Storage.setAddress(itemKey(id, "creator"), creator);
  Storage.setAddress(itemKey(id, "custodian"), creator);
  Storage.setString(itemKey(id, "description"), description);
  append(id, entry(id, "register", creator).str("description", description));
  emit("registered", new JsonWriter().begin()
    .str("id", id).str("creator", creator.toString()).str("description", description).end());
}

/** transfer_custody {id, to}: only the current custodian hands the item on. */
export function transfer_custody(): void {
  requireNoValue();
  const args = Args.load(["id", "to"]);
  const id = args.string("id", 64);
  const to = args.address("to");
  requireItem(id);
  const from = caller();
  requireCustodian(id, from);
  if (from.equals(to)) revert("the item is already in the custody of 'to'");
  Storage.setAddress(itemKey(id, "custodian"), to);
  append(id, entry(id, "custody", from).str("from", from.toString()).str("to", to.toString()));
  emit("custody", new JsonWriter().begin()
    .str("id", id).str("from", from.toString()).str("to", to.toString()).end());
}

/** add_checkpoint {id, location, note?}: the current custodian records where the item is. */
export function add_checkpoint(): void {
  requireNoValue();
  const args = Args.load(["id", "location", "note"]);
  const id = args.string("id", 64);
  const location = args.string("location", 256);
  const note = args.stringOr("note", "", 512);
  requireItem(id);
  const by = caller();
  requireCustodian(id, by);
  append(id, entry(id, "checkpoint", by).str("location", location).str("note", note));
  emit("checkpoint", new JsonWriter().begin()
    .str("id", id).str("by", by.toString()).str("location", location).str("note", note).end());
}

/** get_item {id} -> {id, description, creator, custodian, entries} */
export function get_item(): void {
  const id = Args.load(["id"]).string("id", 64);
  requireItem(id);
  returnJson(new JsonWriter().begin()
    .str("id", id)
    .str("description", Storage.getString(itemKey(id, "description")))
    .str("creator", Storage.getAddress(itemKey(id, "creator"))!.toString())
    .str("custodian", Storage.getAddress(itemKey(id, "custodian"))!.toString())
    .num("entries", Storage.getU64(itemKey(id, "entries"))).end());
}

/**
 * history {id, start?, limit?} -> {id, custodian, total, start, entries: [...]}: custody changes and
 * checkpoints in order, at most `limit` (default and cap 100) from entry `start` (default 0).
 */
export function history(): void {
  const args = Args.load(["id", "start", "limit"]);
  const id = args.string("id", 64);
  const start = args.u64Or("start", 0);
  let limit = args.u64Or("limit", MAX_PAGE);
  if (limit > MAX_PAGE) limit = MAX_PAGE;
  requireItem(id);
  const total = Storage.getU64(itemKey(id, "entries"));
  const w = new JsonWriter().begin()
    .str("id", id)
    .str("custodian", Storage.getAddress(itemKey(id, "custodian"))!.toString())
    .num("total", total).num("start", start);
  w.beginArray("entries");
  // Entries are stored as finished JSON objects, so they are spliced in as they are.
  for (let n = start; n < total && n - start < limit; n++) w.rawItem(Storage.getString(entryKey(id, n)));
  returnJson(w.endArray().end());
}
