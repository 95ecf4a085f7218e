// A credential registry. Any account may act as an issuer: it issues a credential with an id
// of its choosing, naming the subject and the hash of the off-chain claim (32 bytes as 64
// lowercase hex characters); only that issuer can revoke it; anyone can verify it, optionally
// checking that a claim they were shown hashes to the registered value.

import {
  Args, JsonWriter, Key, Storage,
  blockHeight, caller, emit, requireNoValue, returnJson, revert,
} from "../../sdk";

function field(id: string, name: string): Key { return Key.of("credential").str(id).str(name); }

function requireClaimHash(hash: string): void {
  if (hash.length != 64) revert("args: 'claim_hash' must be 64 lowercase hex characters");
  for (let i = 0; i < hash.length; i++) {
    const c = hash.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) revert("args: 'claim_hash' must be 64 lowercase hex characters");
  }
}

/** issue {id, subject, claim_hash}: the caller becomes the credential's issuer. */
export function issue(): void {
  requireNoValue();
  const args = Args.load(["id", "subject", "claim_hash"]);
  const id = args.string("id", 64);
  const subject = args.address("subject");
  const claimHash = args.string("claim_hash", 64);
  requireClaimHash(claimHash);
  if (Storage.has(field(id, "issuer"))) revert("credential '" + id + "' already exists");
  const issuer = caller();
  Storage.setAddress(field(id, "issuer"), issuer);
  Storage.setAddress(field(id, "subject"), subject);
  Storage.setString(field(id, "claim_hash"), claimHash);
  Storage.setU64(field(id, "issued_at"), blockHeight());
  emit("issued", new JsonWriter().begin()
    .str("id", id).str("issuer", issuer.toString()).str("subject", subject.toString()).str("claim_hash", claimHash).end());
}

/** revoke {id}: only the issuer, once. */
export function revoke(): void {
  requireNoValue();
  const id = Args.load(["id"]).string("id", 64);
  const issuer = Storage.getAddress(field(id, "issuer"));
  if (issuer == null) revert("no credential '" + id + "'");
  if (!issuer!.equals(caller())) revert("only the issuer may revoke credential '" + id + "'");
  if (Storage.has(field(id, "revoked_at"))) revert("credential '" + id + "' is already revoked");
  Storage.setU64(field(id, "revoked_at"), blockHeight());
  emit("revoked", new JsonWriter().begin().str("id", id).str("issuer", issuer!.toString()).end());
}

/**
 * verify {id, claim_hash?} -> {id, exists, valid, issuer, subject, claim_hash, revoked, issued_at, revoked_at}.
 * valid: it exists, is not revoked, and (when claim_hash is given) the hash matches.
 * An unknown id is not an error: exists and valid are false and the rest is null.
 */
export function verify(): void {
  const args = Args.load(["id", "claim_hash"]);
  const id = args.string("id", 64);
  const shown = args.stringOr("claim_hash", "", 64);
  if (shown.length > 0) requireClaimHash(shown);
  const w = new JsonWriter().begin().str("id", id);
  const issuer = Storage.getAddress(field(id, "issuer"));
  if (issuer == null) {
    returnJson(w.bool("exists", false).bool("valid", false).nul("issuer").nul("subject").nul("claim_hash")
      .bool("revoked", false).nul("issued_at").nul("revoked_at").end());
    return;
  }
  const claimHash = Storage.getString(field(id, "claim_hash"));
  const revoked = Storage.has(field(id, "revoked_at"));
  const valid = !revoked && (shown.length == 0 || shown == claimHash);
  w.bool("exists", true).bool("valid", valid)
    .str("issuer", issuer.toString())
    .str("subject", Storage.getAddress(field(id, "subject"))!.toString())
    .str("claim_hash", claimHash)
    .bool("revoked", revoked)
    .num("issued_at", Storage.getU64(field(id, "issued_at")));
  if (revoked) w.num("revoked_at", Storage.getU64(field(id, "revoked_at"))); else w.nul("revoked_at");
  returnJson(w.end());
}
