// A DAO vote: anyone creates a proposal that is open until a block height; each address votes
// once, yes or no; after the end height anyone closes it and the outcome is fixed.
//
// Voting weight: one address, one vote, unless the DAO is deployed with {"token": "chain1…"}.
// Then a vote weighs the voter's balance in that token contract, read by a synchronous call to
// its balance_of at the time of the vote. There is no snapshot: tokens moved to another address
// after voting can vote again from there. This is a demonstration of cross-contract calls, not a
// governance design; a real one would snapshot balances or lock them until the proposal closes.

import {
  Address, Args, JsonObject, JsonKind, JsonWriter, Key, Storage,
  blockHeight, callContract, caller, decimalToU64, emit, requireNoValue, returnJson, revert,
} from "../../sdk";

const TOKEN = Key.of("token");
const COUNT = Key.of("count");
function field(id: u64, name: string): Key { return Key.of("proposal").u64(id).str(name); }
function votedKey(id: u64, voter: Address): Key { return Key.of("voted").u64(id).addr(voter); }

function requireProposal(id: u64): void {
  if (id == 0 || id > Storage.getU64(COUNT)) revert("no proposal " + id.toString());
}

/** init {token?}: with a token address, votes are weighted by the voter's balance in it. */
export function init(): void {
  requireNoValue();
  const token = Args.load(["token"]).addressOr("token");
  if (token != null) Storage.setAddress(TOKEN, token);
}

/** create_proposal {title, ends_at_height} -> {"id": N}. Voting is open up to and including ends_at_height. */
export function create_proposal(): void {
  requireNoValue();
  const args = Args.load(["title", "ends_at_height"]);
  const title = args.string("title", 200);
  const endsAt = args.u64("ends_at_height");
  if (endsAt <= blockHeight()) revert("ends_at_height must be above the current height " + blockHeight().toString());
  const id = Storage.getU64(COUNT) + 1;
  Storage.setU64(COUNT, id);
  const creator = caller();
  Storage.setString(field(id, "title"), title);
  Storage.setAddress(field(id, "creator"), creator);
  Storage.setU64(field(id, "ends_at"), endsAt);
  emit("proposal", new JsonWriter().begin()
    .num("id", id).str("title", title).str("creator", creator.toString()).num("ends_at_height", endsAt).end());
  returnJson(new JsonWriter().begin().num("id", id).end());
}

function weightOf(voter: Address): u64 {
  const token = Storage.getAddress(TOKEN);
  if (token == null) return 1;
  const result = callContract(token, "balance_of", new JsonWriter().begin().str("owner", voter.toString()).end().toString());
  if (!result.ok) revert("token balance_of failed: " + result.text());
  const reply = JsonObject.parse(result.data.dataStart, result.data.length);
  const balance = reply.get("balance");
  if (balance == null || balance.kind != JsonKind.String) revert("token balance_of returned no balance");
  return decimalToU64(balance!.str, "balance");
}

/** vote {id, support}: one vote per address while the proposal is open. */
export function vote(): void {
  requireNoValue();
  const args = Args.load(["id", "support"]);
  const id = args.u64("id");
  const support = args.bool("support");
  requireProposal(id);
  if (blockHeight() > Storage.getU64(field(id, "ends_at"))) revert("voting on proposal " + id.toString() + " has ended");
  const voter = caller();
  if (Storage.has(votedKey(id, voter))) revert("already voted");
  const weight = weightOf(voter);
  if (weight == 0) revert("no voting weight");
  Storage.setBool(votedKey(id, voter), support);
  const tally = field(id, support ? "yes" : "no");
  const current = Storage.getU64(tally);
  if (current > u64.MAX_VALUE - weight) revert("tally overflow");
  Storage.setU64(tally, current + weight);
  emit("vote", new JsonWriter().begin()
    .num("id", id).str("voter", voter.toString()).bool("support", support).amount("weight", weight).end());
}

/** close {id}: after the end height, fixes the outcome: passed when yes > no. */
export function close(): void {
  requireNoValue();
  const id = Args.load(["id"]).u64("id");
  requireProposal(id);
  const endsAt = Storage.getU64(field(id, "ends_at"));
  if (blockHeight() <= endsAt) revert("proposal " + id.toString() + " is open until height " + endsAt.toString());
  if (Storage.getBool(field(id, "closed"))) revert("proposal " + id.toString() + " is already closed");
  Storage.setBool(field(id, "closed"), true);
  const yes = Storage.getU64(field(id, "yes"));
  const no = Storage.getU64(field(id, "no"));
  emit("closed", new JsonWriter().begin()
    .num("id", id).amount("yes", yes).amount("no", no).bool("passed", yes > no).end());
}

function writeProposal(id: u64): JsonWriter {
  const yes = Storage.getU64(field(id, "yes"));
  const no = Storage.getU64(field(id, "no"));
  const endsAt = Storage.getU64(field(id, "ends_at"));
  const closed = Storage.getBool(field(id, "closed"));
  const w = new JsonWriter().begin()
    .num("id", id)
    .str("title", Storage.getString(field(id, "title")))
    .str("creator", Storage.getAddress(field(id, "creator"))!.toString())
    .num("ends_at_height", endsAt)
    .amount("yes", yes).amount("no", no)
    .bool("open", blockHeight() <= endsAt)
    .bool("closed", closed);
  if (closed) w.bool("passed", yes > no); else w.nul("passed");
  return w.end();
}

/** get_proposal {id} -> {id, title, creator, ends_at_height, yes, no, open, closed, passed} */
export function get_proposal(): void {
  const id = Args.load(["id"]).u64("id");
  requireProposal(id);
  returnJson(writeProposal(id));
}

/** tally {id} -> {id, yes, no, leading}; leading is "yes", "no" or "tie". */
export function tally(): void {
  const id = Args.load(["id"]).u64("id");
  requireProposal(id);
  const yes = Storage.getU64(field(id, "yes"));
  const no = Storage.getU64(field(id, "no"));
  returnJson(new JsonWriter().begin().num("id", id).amount("yes", yes).amount("no", no)
    .str("leading", yes > no ? "yes" : (no > yes ? "no" : "tie")).end());
}

/** has_voted {id, voter} -> {"voted": bool, "support": bool|null} */
export function has_voted(): void {
  const args = Args.load(["id", "voter"]);
  const id = args.u64("id");
  const voter = args.address("voter");
  requireProposal(id);
  const key = votedKey(id, voter);
  const w = new JsonWriter().begin();
  if (Storage.has(key)) w.bool("voted", true).bool("support", Storage.getBool(key));
  else w.bool("voted", false).nul("support");
  returnJson(w.end());
}

/** config -> {"token": "chain1…"|null, "proposals": N} */
export function config(): void {
  Args.load([]);
  const token = Storage.getAddress(TOKEN);
  const w = new JsonWriter().begin();
  if (token != null) w.str("token", token.toString()); else w.nul("token");
  returnJson(w.num("proposals", Storage.getU64(COUNT)).end());
}

