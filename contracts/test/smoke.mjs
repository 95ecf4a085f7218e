// DEV SMOKE TEST ONLY (not the acceptance test): runs the built examples in Node against the
// JavaScript stand-in host in host.mjs. Run `bash build.sh && node test/smoke.mjs` in contracts/.
import assert from "node:assert/strict";
import { Chain, addressOf, formatAddress } from "./host.mjs";

const wasm = (name) => new URL(`../build/${name}.wasm`, import.meta.url).pathname;
const chain = new Chain();
const alice = addressOf(1), bob = addressOf(2), carol = addressOf(3);
const A = formatAddress(alice), B = formatAddress(bob), C = formatAddress(carol);
let checks = 0;
const ok = (r) => { assert.ok(r.ok, r.reason); checks++; return r; };
const fails = (r, reason) => { assert.equal(r.ok, false); assert.match(r.reason, reason); checks++; return r; };

// token
const token = chain.deploy(wasm("token"), alice, { name: "Test", symbol: "TST", supply: "1000" });
assert.deepEqual(ok(chain.query(token, "metadata")).json, { name: "Test", symbol: "TST", decimals: 0, total_supply: "1000" });
const t = ok(chain.call(token, "transfer", alice, { to: B, amount: "30" }));
assert.deepEqual(t.events, [{ topic: "transfer", data: { from: A, to: B, amount: "30" } }]);
assert.equal(ok(chain.query(token, "balance_of", { owner: A })).json.balance, "970");
assert.equal(ok(chain.query(token, "balance_of", { owner: B })).json.balance, "30");
fails(chain.call(token, "transfer", bob, { to: A, amount: 31 }), /^insufficient balance$/);
fails(chain.call(token, "transfer", bob, { to: "chain1nope", amount: 1 }), /invalid address 'to'/);
fails(chain.call(token, "transfer", bob, { to: A, amount: "1.5" }), /'amount' must be a u64/);
fails(chain.call(token, "transfer", bob, { to: A, amount: 1.5 }), /only integers/);
fails(chain.call(token, "transfer", bob, { to: A, amount: -1 }), /negative/);
fails(chain.call(token, "transfer", bob, { to: A, amount: "18446744073709551616" }), /must be a u64/);
fails(chain.call(token, "transfer", bob, `{"to":"${A}","amount":1} x`), /trailing bytes/);
fails(chain.call(token, "transfer", bob, `{"to":"${A}","to":"${A}","amount":1}`), /duplicate key/);
fails(chain.call(token, "transfer", bob, `{"to":"${A}"`), /expected/);
fails(chain.call(token, "transfer", bob, { to: A }), /missing 'amount'/);
fails(chain.call(token, "transfer", bob, ""), /missing 'to'/);
fails(chain.call(token, "transfer", bob, { to: A, amount: 1, memo: "x" }), /unknown key 'memo'/);
fails(chain.query(token, "metadata", { x: 1 }), /unknown key 'x'/);
fails(chain.call(token, "transfer", bob, { to: { x: 1 }, amount: 1 }), /nested objects/);
fails(chain.call(token, "transfer", bob, Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])), /invalid UTF-8/);
fails(chain.call(token, "transfer", bob, `{"to":"a\\u0000\\ud800","amount":1}`), /lone surrogate/);
fails(chain.call(token, "transfer", bob, `{"to":"a\u0001","amount":1}`), /control character/);
fails(chain.call(token, "transfer", bob, `{"amount":01,"to":"x"}`), /leading zeros/);
fails(chain.call(token, "transfer", bob, { to: A, amount: "1" }, 5n), /does not accept native tokens/);
fails(chain.query(token, "approve", { spender: A, amount: "1" }), /read-only/);
fails(chain.call(token, "init", alice, {}), /unknown method/);
ok(chain.call(token, "approve", alice, { spender: C, amount: "100" }));
assert.equal(ok(chain.query(token, "allowance", { owner: A, spender: C })).json.allowance, "100");
fails(chain.call(token, "transfer_from", carol, { from: A, to: C, amount: "101" }), /allowance exceeded/);
ok(chain.call(token, "transfer_from", carol, { from: A, to: C, amount: "60" }));
assert.equal(ok(chain.query(token, "allowance", { owner: A, spender: C })).json.allowance, "40");
assert.equal(ok(chain.query(token, "balance_of", { owner: C })).json.balance, "60");
assert.equal(ok(chain.query(token, "total_supply")).json.total_supply, "1000");
// strings with escapes and non-ASCII text round-trip through the reader and the writer
const fancy = chain.deploy(wasm("token"), alice, `{"name":"Tab\\there \\"q\\" \\u00e9\\ud83d\\ude00 ü","symbol":"X","supply":1}`);
assert.equal(ok(chain.query(fancy, "metadata")).json.name, 'Tab\there "q" é😀 ü');

// dao, one address one vote
const dao = chain.deploy(wasm("dao"), alice);
assert.deepEqual(ok(chain.call(dao, "create_proposal", alice, { title: "Fund it", ends_at_height: 5 })).json, { id: 1 });
ok(chain.call(dao, "vote", alice, { id: 1, support: true }));
fails(chain.call(dao, "vote", alice, { id: 1, support: false }), /already voted/);
ok(chain.call(dao, "vote", bob, { id: "1", support: false }));
ok(chain.call(dao, "vote", carol, { id: 1, support: true }));
fails(chain.call(dao, "vote", carol, { id: 2, support: true }), /no proposal 2/);
fails(chain.call(dao, "vote", carol, { id: 1, support: "yes" }), /'support' must be true or false/);
fails(chain.call(dao, "close", alice, { id: 1 }), /open until height 5/);
assert.deepEqual(ok(chain.query(dao, "tally", { id: 1 })).json, { id: 1, yes: "2", no: "1", leading: "yes" });
chain.height = 6n;
fails(chain.call(dao, "vote", addressOf(9), { id: 1, support: true }), /has ended/);
assert.equal(ok(chain.call(dao, "close", bob, { id: 1 })).events[0].data.passed, true);
fails(chain.call(dao, "close", bob, { id: 1 }), /already closed/);
assert.equal(ok(chain.query(dao, "get_proposal", { id: 1 })).json.passed, true);

// dao, token-weighted through a cross-contract call to the token's balance_of
const weighted = chain.deploy(wasm("dao"), alice, { token: formatAddress(token) });
ok(chain.call(weighted, "create_proposal", bob, { title: "Weighted", ends_at_height: 10 }));
assert.equal(ok(chain.call(weighted, "vote", alice, { id: 1, support: false })).events[0].data.weight, "910");
ok(chain.call(weighted, "vote", bob, { id: 1, support: true }));
fails(chain.call(weighted, "vote", addressOf(9), { id: 1, support: true }), /no voting weight/);
assert.deepEqual(ok(chain.query(weighted, "tally", { id: 1 })).json, { id: 1, yes: "30", no: "910", leading: "no" });

// provenance
const prov = chain.deploy(wasm("provenance"), alice);
ok(chain.call(prov, "register", alice, { id: "crate-7", description: "Coffee, 60 kg" }));
fails(chain.call(prov, "register", bob, { id: "crate-7", description: "dup" }), /already registered/);
ok(chain.call(prov, "add_checkpoint", alice, { id: "crate-7", location: "Santos", note: "loaded" }));
fails(chain.call(prov, "transfer_custody", bob, { id: "crate-7", to: C }), /only the current custodian/);
ok(chain.call(prov, "transfer_custody", alice, { id: "crate-7", to: B }));
fails(chain.call(prov, "add_checkpoint", alice, { id: "crate-7", location: "x" }), /only the current custodian/);
ok(chain.call(prov, "add_checkpoint", bob, { id: "crate-7", location: "Rotterdam" }));
fails(chain.call(prov, "add_checkpoint", bob, { id: "crate-7", location: "Rotterdam", notes: "typo" }), /unknown key 'notes'/);
const h = ok(chain.query(prov, "history", { id: "crate-7" })).json;
assert.equal(h.custodian, B);
assert.deepEqual(h.entries.map((e) => e.kind), ["register", "checkpoint", "custody", "checkpoint"]);
assert.equal(h.entries[2].to, B);
assert.deepEqual(ok(chain.query(prov, "history", { id: "crate-7", start: 3, limit: 5 })).json.entries.map((e) => e.location), ["Rotterdam"]);
fails(chain.query(prov, "history", { id: "nope" }), /no item 'nope'/);

// credentials
const cred = chain.deploy(wasm("credentials"), alice);
const hash = "ab".repeat(32);
ok(chain.call(cred, "issue", alice, { id: "deg-1", subject: B, claim_hash: hash }));
fails(chain.call(cred, "issue", bob, { id: "deg-1", subject: B, claim_hash: hash }), /already exists/);
fails(chain.call(cred, "issue", bob, { id: "deg-2", subject: B, claim_hash: "AB".repeat(32) }), /64 lowercase hex/);
let v = ok(chain.query(cred, "verify", { id: "deg-1" })).json;
assert.deepEqual([v.valid, v.issuer, v.subject, v.revoked], [true, A, B, false]);
assert.equal(ok(chain.query(cred, "verify", { id: "deg-1", claim_hash: "cd".repeat(32) })).json.valid, false);
fails(chain.call(cred, "revoke", bob, { id: "deg-1" }), /only the issuer/);
ok(chain.call(cred, "revoke", alice, { id: "deg-1" }));
fails(chain.call(cred, "revoke", alice, { id: "deg-1" }), /already revoked/);
v = ok(chain.query(cred, "verify", { id: "deg-1" })).json;
assert.deepEqual([v.valid, v.revoked, v.revoked_at], [false, true, 6]);
assert.deepEqual(ok(chain.query(cred, "verify", { id: "none" })).json.exists, false);

console.log(`smoke test passed: ${checks} calls checked against ${chain.events.length} committed events`);
