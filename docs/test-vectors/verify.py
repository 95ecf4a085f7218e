#!/usr/bin/env python3
"""Recomputes every vector in docs/test-vectors from docs/protocol.md alone.

Standard library only. It shares no code with the C# implementation: encodings, decoders, hashes,
Ed25519 (RFC 8032, pure Python), Bech32m (BIP-350), RFC 6962 trees, the sparse Merkle state tree,
certificate and block-body checks, signed votes and proposals, consensus messages, the duplicate-vote
evidence check, leader selection, the genesis staking and sharding rules, the shard map, cross-shard
receipts with their audit paths and chunk headers are all written here from the specification.

Usage: python3 docs/test-vectors/verify.py [directory]   (exit status 0 when every vector matches)
"""

import hashlib
import json
import os
import re
import struct
import sys

# ---------------------------------------------------------------------------------------------
# Limits (protocol.md section 2.3)

MAX_TRANSACTION_BYTES = 640 * 1024
MAX_CHAIN_ID_LENGTH = 32
MAX_MEMO_BYTES = 256
MAX_TRANSACTIONS_PER_BLOCK = 10_000
MAX_VALIDATORS = 1024
MAX_BLOCK_BYTES = 8 * 1024 * 1024
MAX_CERTIFICATE_BYTES = 48 + 68 * MAX_VALIDATORS
MAX_STATE_KEY_BYTES = 320
MAX_STATE_VALUE_BYTES = 1024 * 1024
MAX_PROOF_SIBLINGS = 256
MAX_AUDIT_PATH = 32
MAX_GENESIS_ACCOUNTS = 100_000
HEADER_MAX_BYTES = 298 + MAX_CHAIN_ID_LENGTH
MAX_SHARDS = 64
MAX_INCOMING_PER_BLOCK = 10_000
SHARD_RECEIPT_SIZE = 1 + 1 + 2 + 2 + 8 + 8 + 32 + 20 + 20 + 8  # version 1 (credit, refund); the smallest receipt
MAX_CONTRACT_RECEIPT_DATA_BYTES = 64 * 1024
# version 2 (call, callback): the version 1 fields, then method ascii, gasLimit u64, callback ascii, callbackGas u64, status u8, data bytes
SHARD_RECEIPT_MAX_BYTES = SHARD_RECEIPT_SIZE + (1 + 64) + 8 + (1 + 64) + 8 + 1 + 4 + MAX_CONTRACT_RECEIPT_DATA_BYTES
CHUNK_HEADER_SIZE = 2 + 4 + 32 + 4 + 32 + 4 + 32
INCOMING_MAX_BYTES = 4 + SHARD_RECEIPT_MAX_BYTES + 4 + 4 + 1 + 32 * MAX_AUDIT_PATH
PROPOSAL_MAX_BYTES = 1 + MAX_CHAIN_ID_LENGTH + 8 + 4 + 8 + 32 + 32 + 64
MAX_CONSENSUS_MESSAGE_BYTES = 1 + PROPOSAL_MAX_BYTES + 4 + MAX_BLOCK_BYTES
U64_MAX = 2**64 - 1
I32_MAX = 2**31 - 1

# Every domain tag of section 3.1.
TAGS = ["chain/address/v1", "chain/tx/v1", "chain/tx-sign/v1", "chain/header/v1", "chain/vote/v1",
        "chain/proposal/v1", "chain/certificate/v1", "chain/leader/v1", "chain/validator-set/v1",
        "chain/genesis/v1", "chain/state-key/v1", "chain/state-value/v1", "chain/contract-address/v1",
        "chain/contract-code/v1"]
# Contract payloads and receipts (sections 4.2, 5.6)
MAX_CODE_BYTES = 512 * 1024
MAX_ARGS_BYTES = 64 * 1024
MAX_METHOD_LENGTH = 64
MAX_RETURN_BYTES = 64 * 1024
MAX_MESSAGE_BYTES = 1024
MAX_EVENTS = 128
MAX_TOPIC_BYTES = 64
MAX_EVENT_DATA_BYTES = 16 * 1024
MAX_RECEIPT_STATUS = 23

# ---------------------------------------------------------------------------------------------
# Hashing (section 3)

ZERO = bytes(32)


def sha256(data):
    return hashlib.sha256(data).digest()


def tagged(tag, data):
    return sha256(tag.encode("ascii") + b"\x00" + data)


# ---------------------------------------------------------------------------------------------
# Ed25519 (RFC 8032 section 5.1), enough to derive keys, sign and verify. Verification here is the
# plain cofactorless equation; it does not add libsodium's rejection of small-order points (protocol.md
# section 3.2), which no vector exercises.

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _recover_x(y, sign):
    xx = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(xx, (P + 3) // 8, P)
    if (x * x - xx) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - xx) % P != 0 or (x == 0 and sign):
        return None
    return P - x if x & 1 != sign else x


_BY = 4 * pow(5, P - 2, P) % P
_BX = _recover_x(_BY, 0)
BASE = (_BX, _BY, 1, _BX * _BY % P)
IDENTITY = (0, 1, 1, 0)


def _add(p, q):
    a = (p[1] - p[0]) * (q[1] - q[0]) % P
    b = (p[1] + p[0]) * (q[1] + q[0]) % P
    c = 2 * p[3] * q[3] * D % P
    d = 2 * p[2] * q[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _mul(s, point):
    result = IDENTITY
    while s:
        if s & 1:
            result = _add(result, point)
        point = _add(point, point)
        s >>= 1
    return result


def _encode_point(point):
    zi = pow(point[2], P - 2, P)
    x, y = point[0] * zi % P, point[1] * zi % P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def _decode_point(raw):
    y = int.from_bytes(raw, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    if y >= P:
        return None
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


def _h(data):
    return int.from_bytes(hashlib.sha512(data).digest(), "little")


def _expand(seed):
    digest = hashlib.sha512(seed).digest()
    a = int.from_bytes(digest[:32], "little")
    a = (a & ((1 << 254) - 8)) | (1 << 254)
    return a, digest[32:]


def ed25519_public_key(seed):
    return _encode_point(_mul(_expand(seed)[0], BASE))


def ed25519_sign(seed, message):
    a, prefix = _expand(seed)
    public = _encode_point(_mul(a, BASE))
    r = _h(prefix + message) % L
    big_r = _encode_point(_mul(r, BASE))
    s = (r + _h(big_r + public + message) % L * a) % L
    return big_r + s.to_bytes(32, "little")


def ed25519_verify(public, message, signature):
    a, r = _decode_point(public), _decode_point(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= L:
        return False
    k = _h(signature[:32] + public + message) % L
    return _encode_point(_mul(s, BASE)) == _encode_point(_add(r, _mul(k, a)))


# ---------------------------------------------------------------------------------------------
# Bech32m (BIP-350) and addresses (sections 3.3 and 3.4)

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32M_CONST = 0x2BC830A3


def _polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def _hrp_expand(hrp):
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data, from_bits, to_bits, pad):
    acc, bits, out, maxv = 0, 0, [], (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (to_bits - bits)) & maxv)
    elif bits >= from_bits or ((acc << (to_bits - bits)) & maxv):
        return None
    return out


def bech32m_encode(hrp, data):
    values = _convert_bits(data, 8, 5, True)
    poly = _polymod(_hrp_expand(hrp) + values + [0] * 6) ^ BECH32M_CONST
    return hrp + "1" + "".join(CHARSET[v] for v in values + [(poly >> 5 * (5 - i)) & 31 for i in range(6)])


def bech32m_decode(text):
    """(hrp, 5-bit values without checksum) when the checksum is valid, else None."""
    if len(text) > 90 or any(ord(c) < 33 or ord(c) > 126 for c in text):
        return None
    if text.lower() != text and text.upper() != text:
        return None
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1 or pos + 7 > len(text) or any(c not in CHARSET for c in text[pos + 1:]):
        return None
    hrp, values = text[:pos], [CHARSET.find(c) for c in text[pos + 1:]]
    if _polymod(_hrp_expand(hrp) + values) != BECH32M_CONST:
        return None
    return hrp, values[:-6]


def bech32m_bytes(text):
    decoded = bech32m_decode(text)
    if decoded is None:
        return None
    data = _convert_bits(decoded[1], 5, 8, False)
    return None if data is None else (decoded[0], bytes(data))


def address_of(public_key):
    return tagged("chain/address/v1", public_key)[:20]


def parse_address(text):
    decoded = bech32m_bytes(text)
    if decoded is None or decoded[0] != "chain" or len(decoded[1]) != 20:
        return None
    return decoded[1]


# ---------------------------------------------------------------------------------------------
# Canonical encoding (section 2)


class DecodeError(Exception):
    pass


def u8(v):
    return struct.pack("<B", v)


def u16(v):
    return struct.pack("<H", v)


def u32(v):
    return struct.pack("<I", v)


def u64(v):
    return struct.pack("<Q", v)


def i64(v):
    return struct.pack("<q", v)


def ascii_str(s):
    raw = s.encode("ascii")
    assert all(0x20 <= b <= 0x7E for b in raw)
    return u8(len(raw)) + raw


def byte_str(b):
    return u32(len(b)) + b


class Reader:
    def __init__(self, data):
        self.data, self.pos = bytes(data), 0

    def remaining(self):
        return len(self.data) - self.pos

    def take(self, n):
        if n > self.remaining():
            raise DecodeError("unexpected end of input")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def u8(self):
        return self.take(1)[0]

    def u16(self):
        return struct.unpack("<H", self.take(2))[0]

    def u32(self):
        return struct.unpack("<I", self.take(4))[0]

    def u64(self):
        return struct.unpack("<Q", self.take(8))[0]

    def i64(self):
        return struct.unpack("<q", self.take(8))[0]

    def bool(self):
        b = self.u8()
        if b > 1:
            raise DecodeError("boolean byte must be 0 or 1")
        return b == 1

    def ascii(self, max_len):
        n = self.u8()
        if n > max_len:
            raise DecodeError("string too long")
        raw = self.take(n)
        if any(b < 0x20 or b > 0x7E for b in raw):
            raise DecodeError("string is not printable ASCII")
        return raw.decode("ascii")

    def bytes(self, max_len):
        n = self.u32()
        if n > max_len:
            raise DecodeError("byte string too long")
        return self.take(n)

    def count(self, max_count, min_size):
        n = self.u32()
        if n > max_count or n * min_size > self.remaining():
            raise DecodeError("list too long")
        return n

    def end(self):
        if self.remaining():
            raise DecodeError("trailing bytes")


# ---------------------------------------------------------------------------------------------
# Transactions (section 4)

PAYLOAD_NAMES = {1: "transfer", 2: "bond", 3: "delegate", 4: "unbond", 5: "withdraw", 6: "reportEquivocation", 7: "unjail",
                 8: "deploy", 9: "call", 10: "upgrade"}
CONTRACT_KINDS = (8, 9, 10)


def encode_payload(p):
    """kind u8 || the kind's fields (section 4.2). p is a dict with 'kind' and the fields."""
    kind = p["kind"]
    if kind == 1:
        fields = p["to"] + u64(p["amount"]) + byte_str(p["memo"])
    elif kind == 2:
        fields = u64(p["amount"])
    elif kind in (3, 4):
        fields = p["validator"] + u64(p["amount"])
    elif kind == 5:
        fields = p["validator"]
    elif kind == 6:
        fields = encode_signed_vote(p["first"]) + encode_signed_vote(p["second"])
    elif kind == 7:
        fields = b""
    elif kind == 8:
        admin = p["admin"]
        fields = (byte_str(p["code"]) + byte_str(p["initArgs"]) + (u8(0) if admin is None else u8(1) + admin)
                  + u64(p["gasLimit"]))
    elif kind == 9:
        fields = p["contract"] + ascii_str(p["method"]) + byte_str(p["args"]) + u64(p["value"]) + u64(p["gasLimit"])
    elif kind == 10:
        fields = p["contract"] + byte_str(p["code"]) + u64(p["gasLimit"])
    else:
        raise ValueError(f"payload kind {kind}")
    return u8(kind) + fields


def read_payload(r):
    kind = r.u8()
    if kind == 1:
        return {"kind": 1, "to": r.take(20), "amount": r.u64(), "memo": r.bytes(MAX_MEMO_BYTES)}
    if kind == 2:
        return {"kind": 2, "amount": r.u64()}
    if kind in (3, 4):
        return {"kind": kind, "validator": r.take(20), "amount": r.u64()}
    if kind == 5:
        return {"kind": 5, "validator": r.take(20)}
    if kind == 6:
        return {"kind": 6, "first": read_signed_vote(r), "second": read_signed_vote(r)}
    if kind == 7:
        return {"kind": 7}
    if kind == 8:
        p = {"kind": 8, "code": r.bytes(MAX_CODE_BYTES), "initArgs": r.bytes(MAX_ARGS_BYTES)}
        p["admin"] = r.take(20) if r.bool() else None
        p["gasLimit"] = r.u64()
        return p
    if kind == 9:
        return {"kind": 9, "contract": r.take(20), "method": r.ascii(MAX_METHOD_LENGTH), "args": r.bytes(MAX_ARGS_BYTES),
                "value": r.u64(), "gasLimit": r.u64()}
    if kind == 10:
        return {"kind": 10, "contract": r.take(20), "code": r.bytes(MAX_CODE_BYTES), "gasLimit": r.u64()}
    raise DecodeError("payload kind")


def encode_tx_body(t):
    return u8(1) + ascii_str(t["chainId"]) + u64(t["nonce"]) + t["sender"] + u64(t["fee"]) + encode_payload(t["payload"])


def tx_signing_bytes(body):
    return b"chain/tx-sign/v1\x00" + body


def decode_tx(data):
    if len(data) > MAX_TRANSACTION_BYTES:
        raise DecodeError("transaction too large")
    r = Reader(data)
    if r.u8() != 1:
        raise DecodeError("transaction version")
    t = {"chainId": r.ascii(MAX_CHAIN_ID_LENGTH), "nonce": r.u64(), "sender": r.take(32), "fee": r.u64()}
    t["payload"] = read_payload(r)
    t["signature"] = r.take(64)
    r.end()
    t["body"] = data[:-64]
    t["hash"] = tagged("chain/tx/v1", data)
    return t


# ---------------------------------------------------------------------------------------------
# Validator sets, headers, votes, certificates, receipts, blocks (section 5)


def encode_validator_set(validators):
    ordered = sorted(validators, key=lambda v: v[0])
    return u32(len(ordered)) + b"".join(k + u64(p) for k, p in ordered)


def decode_validator_set(data):
    r = Reader(data)
    n = r.count(MAX_VALIDATORS, 40)
    validators = [(r.take(32), r.u64()) for _ in range(n)]
    r.end()
    if n == 0:
        raise DecodeError("empty validator set")
    if any(p == 0 for _, p in validators):
        raise DecodeError("zero power")
    if any(validators[i][0] >= validators[i + 1][0] for i in range(n - 1)):
        raise DecodeError("validators not strictly ascending by key")
    if sum(p for _, p in validators) > U64_MAX:
        raise DecodeError("total power overflows")
    return validators


def is_quorum(signed, total):
    return 3 * signed > 2 * total


HEADER_HASHES = ("previousHash", "transactionsRoot", "receiptsRoot", "stateRoot", "validatorSetHash",
                 "nextValidatorSetHash", "lastCertificateHash")


def encode_header(h):
    return (u8(1) + ascii_str(h["chainId"]) + u64(h["height"]) + h["previousHash"] + i64(h["timeUnixMs"])
            + h["transactionsRoot"] + h["receiptsRoot"] + h["stateRoot"] + h["validatorSetHash"]
            + h["nextValidatorSetHash"] + h["lastCertificateHash"] + h["proposer"] + u32(h["transactionCount"])
            + h["chunksRoot"])


def decode_header(data):
    r = Reader(data)
    if r.u8() != 1:
        raise DecodeError("header version")
    h = {"chainId": r.ascii(MAX_CHAIN_ID_LENGTH), "height": r.u64(), "previousHash": r.take(32),
         "timeUnixMs": r.i64(), "transactionsRoot": r.take(32), "receiptsRoot": r.take(32),
         "stateRoot": r.take(32), "validatorSetHash": r.take(32), "nextValidatorSetHash": r.take(32),
         "lastCertificateHash": r.take(32), "proposer": r.take(20), "transactionCount": r.u32(),
         "chunksRoot": r.take(32)}
    r.end()
    return h


def vote_signing_bytes(kind, chain_id, height, round_, block_hash):
    return b"chain/vote/v1\x00" + u8(kind) + ascii_str(chain_id) + u64(height) + u32(round_) + block_hash


def certificate_hash(encoding):
    """Tagged("chain/certificate/v1", certificate); 32 zero bytes for no certificate (section 5.4)."""
    return ZERO if encoding is None else tagged("chain/certificate/v1", encoding)


def encode_certificate(height, round_, block_hash, signatures):
    return u64(height) + u32(round_) + block_hash + u32(len(signatures)) + b"".join(u32(i) + s for i, s in signatures)


def decode_certificate(data):
    r = Reader(data)
    c = {"height": r.u64(), "round": r.u32(), "blockHash": r.take(32)}
    n = r.count(MAX_VALIDATORS, 68)
    c["signatures"] = [(r.u32(), r.take(64)) for _ in range(n)]
    r.end()
    indices = [i for i, _ in c["signatures"]]
    if any(indices[i] >= indices[i + 1] for i in range(n - 1)):
        raise DecodeError("signature indices not strictly ascending")
    return c


def verify_certificate(header_bytes, cert, validators):
    """Signed power when the certificate makes the header final, else None (section 5.5)."""
    header = decode_header(header_bytes)
    if header["validatorSetHash"] != tagged("chain/validator-set/v1", encode_validator_set(validators)):
        return None
    block_hash = tagged("chain/header/v1", header_bytes)
    if cert["blockHash"] != block_hash or cert["height"] != header["height"]:
        return None
    if len(cert["signatures"]) > len(validators):
        return None
    message = vote_signing_bytes(2, header["chainId"], header["height"], cert["round"], block_hash)
    signed, previous = 0, -1
    for index, signature in cert["signatures"]:
        if index >= len(validators) or index <= previous:
            return None
        previous = index
        key, power = validators[index]
        if not ed25519_verify(key, message, signature):
            return None
        signed += power
    return signed if is_quorum(signed, sum(p for _, p in validators)) else None


def encode_receipt(tx_hash, status, fee, contract=None):
    """41 bytes, then the contract section exactly for deploy, call and upgrade transactions (section 5.6)."""
    out = tx_hash + u8(status) + u64(fee)
    if contract is not None:
        gas, data, message, events = contract
        out += u64(gas) + byte_str(data) + byte_str(message) + u32(len(events))
        out += b"".join(addr + byte_str(topic) + byte_str(d) for addr, topic, d in events)
    return out


def read_receipt(r, with_contract):
    tx_hash, status, fee = r.take(32), r.u8(), r.u64()
    if status > MAX_RECEIPT_STATUS:
        raise DecodeError("receipt status")
    contract = None
    if with_contract:
        gas, data, message = r.u64(), r.bytes(MAX_RETURN_BYTES), r.bytes(MAX_MESSAGE_BYTES)
        n = r.count(MAX_EVENTS, 28)
        events = [(r.take(20), r.bytes(MAX_TOPIC_BYTES), r.bytes(MAX_EVENT_DATA_BYTES)) for _ in range(n)]
        contract = (gas, data, message, events)
    return (tx_hash, status, fee, contract)


def decode_receipt(data):
    """A standalone receipt: 41 bytes without a contract section, anything longer must carry exactly one."""
    r = Reader(data)
    receipt = read_receipt(r, len(data) > 41)
    r.end()
    return receipt


def read_optional_certificate(r):
    if not r.bool():
        return None
    certificate = r.bytes(MAX_CERTIFICATE_BYTES)
    decode_certificate(certificate)
    return certificate


def encode_optional_certificate(certificate):
    return u8(0) if certificate is None else u8(1) + byte_str(certificate)


def read_transactions(r, count):
    txs = [r.bytes(MAX_TRANSACTION_BYTES) for _ in range(count)]
    for tx in txs:
        decode_tx(tx)
    return txs


def read_incoming_list(r):
    """list<bytes: an incoming receipt> (section 13.3); returns the encodings."""
    n = r.count(MAX_INCOMING_PER_BLOCK, 4 + SHARD_RECEIPT_SIZE)
    incoming = [r.bytes(INCOMING_MAX_BYTES) for _ in range(n)]
    for x in incoming:
        decode_incoming(x)
    return incoming


def decode_block(data):
    """A block as proposed (section 5.9): (header, parent certificate or None, transactions, incoming receipts)."""
    if len(data) > MAX_BLOCK_BYTES:
        raise DecodeError("block too large")
    r = Reader(data)
    header = r.bytes(HEADER_MAX_BYTES)
    decode_header(header)
    last = read_optional_certificate(r)
    txs = read_transactions(r, r.count(MAX_TRANSACTIONS_PER_BLOCK, 4))
    incoming = read_incoming_list(r)
    r.end()
    return header, last, txs, incoming


def encode_block(header, last, txs, incoming):
    return (byte_str(header) + encode_optional_certificate(last) + u32(len(txs)) + b"".join(byte_str(t) for t in txs)
            + u32(len(incoming)) + b"".join(byte_str(x) for x in incoming))


def decode_finalized_block(data):
    r = Reader(data)
    header = r.bytes(HEADER_MAX_BYTES)
    decode_header(header)
    certificate = r.bytes(MAX_CERTIFICATE_BYTES)
    decode_certificate(certificate)
    last = read_optional_certificate(r)
    n = r.count(MAX_TRANSACTIONS_PER_BLOCK, 4 + 41)
    txs = read_transactions(r, n)
    receipts = []
    for tx in txs:
        start = r.pos
        read_receipt(r, decode_tx(tx)["payload"]["kind"] in CONTRACT_KINDS)
        receipts.append(r.data[start:r.pos])
    incoming = read_incoming_list(r)
    n = r.count(MAX_TRANSACTIONS_PER_BLOCK + MAX_INCOMING_PER_BLOCK, SHARD_RECEIPT_SIZE)
    outgoing = []
    for _ in range(n):  # receipts are self-delimiting: no length prefix
        start = r.pos
        read_shard_receipt(r)
        outgoing.append(r.data[start:r.pos])
    chunk_count = r.u16()
    if not 1 <= chunk_count <= MAX_SHARDS:
        raise DecodeError("chunk count")
    chunks = [r.take(CHUNK_HEADER_SIZE) for _ in range(chunk_count)]
    r.end()
    return {"header": header, "certificate": certificate, "last": last, "txs": txs, "receipts": receipts,
            "incoming": incoming, "outgoing": outgoing, "chunks": chunks}


def encode_finalized_block(b):
    return (byte_str(b["header"]) + byte_str(b["certificate"]) + encode_optional_certificate(b["last"]) + u32(len(b["txs"]))
            + b"".join(byte_str(t) for t in b["txs"]) + b"".join(b["receipts"])
            + u32(len(b["incoming"])) + b"".join(byte_str(x) for x in b["incoming"])
            + u32(len(b["outgoing"])) + b"".join(b["outgoing"]) + u16(len(b["chunks"])) + b"".join(b["chunks"]))


def block_body_is_valid(header_bytes, last, txs):
    """The body check of a proposed block (section 5.9)."""
    header = decode_header(header_bytes)
    return (header["transactionCount"] == len(txs)
            and mth([tagged("chain/tx/v1", t) for t in txs]) == header["transactionsRoot"]
            and certificate_hash(last) == header["lastCertificateHash"])


def finalized_body_is_valid(b):
    """The body check of a finalized block (section 5.8)."""
    header_bytes, last, txs, receipts = b["header"], b["last"], b["txs"], b["receipts"]
    header = decode_header(header_bytes)
    if len(txs) != len(receipts) or header["transactionCount"] != len(txs):
        return False
    tx_hashes = [tagged("chain/tx/v1", t) for t in txs]
    if mth(tx_hashes) != header["transactionsRoot"]:
        return False
    if any(decode_receipt(rc)[0] != h for rc, h in zip(receipts, tx_hashes)):
        return False
    if certificate_hash(last) != header["lastCertificateHash"]:
        return False
    if mth(receipts) != header["receiptsRoot"]:
        return False
    n = len(b["chunks"])
    if n == 0 or mth(b["chunks"]) != header["chunksRoot"]:
        return False
    destinations = [decode_incoming(x)["receipt"]["destination"] for x in b["incoming"]]
    if any(d >= n for d in destinations) or destinations != sorted(destinations):
        return False
    order = [(r["source"], r["destination"], channel_of(r), r["sequence"]) for r in map(decode_shard_receipt, b["outgoing"])]
    if any(o[0] >= n for o in order) or any(order[i] >= order[i + 1] for i in range(len(order) - 1)):
        return False
    return chunk_headers(n, txs, b["incoming"], b["outgoing"]) == b["chunks"]


# ---------------------------------------------------------------------------------------------
# Consensus messages (section 9)


def read_signed_vote(r):
    kind = r.u8()
    if kind not in (1, 2):
        raise DecodeError("vote kind")
    return {"kind": kind, "chainId": r.ascii(MAX_CHAIN_ID_LENGTH), "height": r.u64(), "round": r.u32(),
            "blockHash": r.take(32), "validator": r.take(32), "signature": r.take(64)}


def encode_signed_vote(v):
    return (u8(v["kind"]) + ascii_str(v["chainId"]) + u64(v["height"]) + u32(v["round"]) + v["blockHash"]
            + v["validator"] + v["signature"])


def decode_signed_vote(data):
    r = Reader(data)
    v = read_signed_vote(r)
    r.end()
    return v


def signed_vote_signing_bytes(v):
    return vote_signing_bytes(v["kind"], v["chainId"], v["height"], v["round"], v["blockHash"])


def signed_vote_verifies(v):
    return ed25519_verify(v["validator"], signed_vote_signing_bytes(v), v["signature"])


def proposal_signing_bytes(p):
    return (b"chain/proposal/v1\x00" + ascii_str(p["chainId"]) + u64(p["height"]) + u32(p["round"])
            + i64(p["polRound"]) + p["blockHash"])


def read_proposal(r):
    p = {"chainId": r.ascii(MAX_CHAIN_ID_LENGTH), "height": r.u64(), "round": r.u32(), "polRound": r.i64()}
    if not (p["polRound"] == -1 or 0 <= p["polRound"] < p["round"]) or p["polRound"] > I32_MAX:
        raise DecodeError("polRound")
    p.update(blockHash=r.take(32), proposer=r.take(32), signature=r.take(64))
    return p


def encode_proposal(p):
    return (ascii_str(p["chainId"]) + u64(p["height"]) + u32(p["round"]) + i64(p["polRound"]) + p["blockHash"]
            + p["proposer"] + p["signature"])


def proposal_is_valid(p):
    return (p["polRound"] == -1 or 0 <= p["polRound"] < p["round"]) and \
        ed25519_verify(p["proposer"], proposal_signing_bytes(p), p["signature"])


def decode_message(data):
    """(1, proposal, block bytes) or (2, vote, None) (section 9.3)."""
    if len(data) > MAX_CONSENSUS_MESSAGE_BYTES:
        raise DecodeError("message too large")
    r = Reader(data)
    kind = r.u8()
    if kind == 1:
        message = (1, read_proposal(r), r.bytes(MAX_BLOCK_BYTES))
    elif kind == 2:
        message = (2, read_signed_vote(r), None)
    else:
        raise DecodeError("message kind")
    r.end()
    return message


def encode_message(kind, body, block):
    if kind == 1:
        return u8(1) + encode_proposal(body) + byte_str(block)
    return u8(2) + encode_signed_vote(body)


def decode_evidence(data):
    r = Reader(data)
    evidence = (read_signed_vote(r), read_signed_vote(r))
    r.end()
    return evidence


def leader_draw(seed, height, round_, total_power):
    """(digest, draw) of section 9.5."""
    digest = tagged("chain/leader/v1", seed + u64(height) + u32(round_))
    return digest, int.from_bytes(digest[:16], "little") % total_power


def leader(validators, seed, height, round_):
    """Index, in the sorted set, of the proposer for (height, round)."""
    _, draw = leader_draw(seed, height, round_, sum(p for _, p in validators))
    cumulative = 0
    for i, (_, power) in enumerate(validators):
        cumulative += power
        if draw < cumulative:
            return i
    raise AssertionError("draw beyond the total power")


def evidence_failed_rule(first, second, chain_id):
    """The first rule of section 9.4 that the evidence breaks, or None when it is valid."""
    if first["validator"] != second["validator"]:
        return 1
    if any(first[k] != second[k] for k in ("kind", "chainId", "height", "round")):
        return 2
    if first["chainId"] != chain_id:
        return 3
    if not first["blockHash"] < second["blockHash"]:
        return 4
    if not (signed_vote_verifies(first) and signed_vote_verifies(second)):
        return 5
    return None


# ---------------------------------------------------------------------------------------------
# RFC 6962 trees (section 5.7)


def mth(leaves):
    n = len(leaves)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return sha256(b"\x00" + leaves[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:]))


def audit_path(m, leaves):
    n = len(leaves)
    if n <= 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return audit_path(m, leaves[:k]) + [mth(leaves[k:])]
    return audit_path(m - k, leaves[k:]) + [mth(leaves[:k])]


def verify_inclusion(root, leaf, index, size, path):
    if index >= size or len(path) > MAX_AUDIT_PATH:
        return False
    fn, sn, r = index, size - 1, sha256(b"\x00" + leaf)
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = sha256(b"\x01" + p + r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = sha256(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


# ---------------------------------------------------------------------------------------------
# Sharding (section 13)


def shard_of(address, shard_count):
    """u64le(address[0..8]) mod shardCount (section 13.1)."""
    return struct.unpack("<Q", address[:8])[0] % shard_count


def lane_of(tx, shard_count):
    """A plain transfer runs in its sender's shard, every other payload in the metashard 0 (section 13.2)."""
    t = decode_tx(tx)
    if shard_count == 1 or t["payload"]["kind"] != 1:
        return 0
    return shard_of(address_of(t["sender"]), shard_count)


SHARD_RECEIPT_KINDS = {1: (1, 2), 2: (3, 4)}  # version -> kinds: 1 credit, 2 refund; 3 call, 4 callback


def channel_of(x):
    """Transfers (kinds 1, 2) are channel 0, calls and callbacks (3, 4) channel 1: each numbers its sequences apart (13.3)."""
    return 1 if x["kind"] in (3, 4) else 0


def encode_shard_receipt(x):
    contract = x["kind"] in (3, 4)
    out = (u8(2 if contract else 1) + u8(x["kind"]) + u16(x["source"]) + u16(x["destination"]) + u64(x["sequence"])
           + u64(x["sourceHeight"]) + x["origin"] + x["from"] + x["to"] + u64(x["amount"]))
    if contract:
        out += (ascii_str(x["method"]) + u64(x["gasLimit"]) + ascii_str(x["callback"]) + u64(x["callbackGas"])
                + u8(x["status"]) + byte_str(x["data"]))
    return out


def read_shard_receipt(r):
    version = r.u8()
    if version not in SHARD_RECEIPT_KINDS:
        raise DecodeError("shard receipt version")
    kind = r.u8()
    if kind not in SHARD_RECEIPT_KINDS[version]:
        raise DecodeError("shard receipt kind")
    x = {"kind": kind, "source": r.u16(), "destination": r.u16(), "sequence": r.u64(), "sourceHeight": r.u64(),
         "origin": r.take(32), "from": r.take(20), "to": r.take(20), "amount": r.u64()}
    if version == 2:
        x.update({"method": r.ascii(MAX_METHOD_LENGTH), "gasLimit": r.u64(), "callback": r.ascii(MAX_METHOD_LENGTH),
                  "callbackGas": r.u64(), "status": r.u8(), "data": r.bytes(MAX_CONTRACT_RECEIPT_DATA_BYTES)})
        if x["status"] > MAX_RECEIPT_STATUS:
            raise DecodeError("call status")
        if kind == 3 and x["status"] != 0:
            raise DecodeError("a call carries status 0")
        if kind == 4 and (x["callback"] != "" or x["callbackGas"] != 0):
            raise DecodeError("a callback names no callback")
    return x


def decode_shard_receipt(data):
    if len(data) > SHARD_RECEIPT_MAX_BYTES:
        raise DecodeError("shard receipt too large")
    r = Reader(data)
    x = read_shard_receipt(r)
    r.end()
    return x


def encode_incoming(x):
    return (byte_str(encode_shard_receipt(x["receipt"])) + u32(x["index"]) + u32(x["leafCount"]) + u8(len(x["path"]))
            + b"".join(x["path"]))


def decode_incoming(data):
    r = Reader(data)
    receipt = decode_shard_receipt(r.bytes(SHARD_RECEIPT_MAX_BYTES))
    x = {"receipt": receipt, "index": r.u32(), "leafCount": r.u32()}
    n = r.u8()
    if n > MAX_AUDIT_PATH:
        raise DecodeError("audit path too long")
    x["path"] = [r.take(32) for _ in range(n)]
    r.end()
    return x


def incoming_verifies(x, outgoing_root, outgoing_count):
    """The proof check of section 13.4: the leaf count must be the chunk's, and the path must verify."""
    return (x["leafCount"] == outgoing_count
            and verify_inclusion(outgoing_root, encode_shard_receipt(x["receipt"]), x["index"], x["leafCount"], x["path"]))


CHUNK_FIELDS = [("shard", 2), ("transactionCount", 4), ("transactionsRoot", 32), ("incomingCount", 4),
                ("incomingRoot", 32), ("outgoingCount", 4), ("outgoingRoot", 32)]


def encode_chunk_header(c):
    return b"".join(c[k] if w == 32 else (u16(c[k]) if w == 2 else u32(c[k])) for k, w in CHUNK_FIELDS)


def decode_chunk_header(data):
    r = Reader(data)
    c = {k: r.take(32) if w == 32 else (r.u16() if w == 2 else r.u32()) for k, w in CHUNK_FIELDS}
    r.end()
    return c


def chunk_headers(shard_count, txs, incoming, outgoing):
    """The encoded chunk headers of shards 0..N-1 for a block body (section 13.2)."""
    headers = []
    for s in range(shard_count):
        lane = [tagged("chain/tx/v1", t) for t in txs if lane_of(t, shard_count) == s]
        inbound = [encode_shard_receipt(x["receipt"]) for x in map(decode_incoming, incoming) if x["receipt"]["destination"] == s]
        outbound = [x for x in outgoing if decode_shard_receipt(x)["source"] == s]
        headers.append(encode_chunk_header({"shard": s, "transactionCount": len(lane), "transactionsRoot": mth(lane),
                                            "incomingCount": len(inbound), "incomingRoot": mth(inbound),
                                            "outgoingCount": len(outbound), "outgoingRoot": mth(outbound)}))
    return headers


def shard_state_key(kind, first, second):
    """0x09 | kind | two u16 (or u16 and u64 for kind 1), big-endian (section 6.1)."""
    return b"\x09" + bytes([kind]) + struct.pack(">H", first) + (struct.pack(">Q", second) if kind == 1 else struct.pack(">H", second))


# ---------------------------------------------------------------------------------------------
# Sparse Merkle state tree (section 6)


def key_hash(key):
    return tagged("chain/state-key/v1", key)


def value_hash(value):
    return tagged("chain/state-value/v1", value)


def leaf_hash(kh, vh):
    return sha256(b"\x00" + kh + vh)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def bit(h, i):
    return (h[i // 8] >> (7 - i % 8)) & 1


def common_prefix(a, b):
    n = 0
    while n < 256 and bit(a, n) == bit(b, n):
        n += 1
    return n


def smt_root(leaves, depth=0):
    """leaves: list of (keyHash, valueHash) sharing their first `depth` bits."""
    if not leaves:
        return ZERO
    if len(leaves) == 1:
        return leaf_hash(*leaves[0])
    left = [x for x in leaves if not bit(x[0], depth)]
    right = [x for x in leaves if bit(x[0], depth)]
    return node_hash(smt_root(left, depth + 1), smt_root(right, depth + 1))


def decode_state_proof(data):
    r = Reader(data)
    p = {"key": r.bytes(MAX_STATE_KEY_BYTES)}
    p["value"] = r.bytes(MAX_STATE_VALUE_BYTES) if r.bool() else None
    p["otherLeaf"] = (r.take(32), r.take(32)) if r.bool() else None
    n = r.count(MAX_PROOF_SIBLINGS, 32)
    p["siblings"] = [r.take(32) for _ in range(n)]
    r.end()
    return p


def encode_state_proof(p):
    out = byte_str(p["key"]) + u8(p["value"] is not None)
    if p["value"] is not None:
        out += byte_str(p["value"])
    out += u8(p["otherLeaf"] is not None)
    if p["otherLeaf"] is not None:
        out += p["otherLeaf"][0] + p["otherLeaf"][1]
    return out + u32(len(p["siblings"])) + b"".join(p["siblings"])


def verify_state_proof(root, p):
    siblings = p["siblings"]
    if len(siblings) > MAX_PROOF_SIBLINGS or len(p["key"]) > MAX_STATE_KEY_BYTES:
        return "invalid"
    if p["value"] is not None and p["otherLeaf"] is not None:
        return "invalid"
    kh, depth = key_hash(p["key"]), len(siblings)
    if p["value"] is not None:
        node = leaf_hash(kh, value_hash(p["value"]))
    elif p["otherLeaf"] is not None:
        other_kh, other_vh = p["otherLeaf"]
        if other_kh == kh or common_prefix(other_kh, kh) < depth:
            return "invalid"
        node = leaf_hash(other_kh, other_vh)
    else:
        node = ZERO
    for i in range(depth - 1, -1, -1):
        node = node_hash(siblings[i], node) if bit(kh, i) else node_hash(node, siblings[i])
    if node != root:
        return "invalid"
    return "included" if p["value"] is not None else "excluded"


# ---------------------------------------------------------------------------------------------
# Genesis (section 7)


STAKING_FIELDS = [("epochLength", 8), ("unbondingPeriod", 8), ("maxValidators", 4), ("minSelfBond", 8),
                  ("blockReward", 8), ("proposerRewardBps", 4), ("doubleSignSlashBps", 4), ("downtimeWindow", 4),
                  ("maxMissedBlocks", 4), ("downtimeJailBlocks", 8), ("downtimeSlashBps", 4)]


def encode_staking(p):
    return b"".join(u64(p[name]) if width == 8 else u32(p[name]) for name, width in STAKING_FIELDS)


def read_staking(r):
    return {name: r.u64() if width == 8 else r.u32() for name, width in STAKING_FIELDS}


MAX_DOWNTIME_WINDOW = 65_536


def staking_is_valid(p):
    return (p["epochLength"] > 0 and p["unbondingPeriod"] > 0 and 0 < p["downtimeWindow"] <= MAX_DOWNTIME_WINDOW
            and 1 <= p["maxValidators"] <= MAX_VALIDATORS
            and 1 <= p["maxMissedBlocks"] <= p["downtimeWindow"]
            and all(p[k] <= 10_000 for k in ("proposerRewardBps", "doubleSignSlashBps", "downtimeSlashBps")))


def encode_genesis(g):
    return (ascii_str(g["chainId"]) + i64(g["time"]) + u64(g["minFee"]) + u32(g["maxBlockTransactions"])
            + u16(g["shardCount"]) + u64(g["receiptTimeoutHeights"]) + encode_staking(g["staking"]) + byte_str(encode_validator_set(g["validators"])) + u32(len(g["accounts"]))
            + b"".join(a + u64(b) for a, b in g["accounts"]))


def genesis_total_supply(g):
    return sum(b for _, b in g["accounts"]) + sum(p for _, p in g["validators"])


def decode_genesis(data):
    r = Reader(data)
    g = {"chainId": r.ascii(MAX_CHAIN_ID_LENGTH), "time": r.i64(), "minFee": r.u64(), "maxBlockTransactions": r.u32(),
         "shardCount": r.u16(), "receiptTimeoutHeights": r.u64()}
    g["staking"] = read_staking(r)
    g["validators"] = decode_validator_set(r.bytes(4 + MAX_VALIDATORS * 40))
    n = r.count(MAX_GENESIS_ACCOUNTS, 28)
    g["accounts"] = [(r.take(20), r.u64()) for _ in range(n)]
    r.end()
    if not re.fullmatch(r"[a-z0-9-]{1,32}", g["chainId"]):
        raise DecodeError("chain id")
    if any(g["accounts"][i][0] >= g["accounts"][i + 1][0] for i in range(n - 1)):
        raise DecodeError("accounts not strictly ascending")
    if genesis_total_supply(g) > U64_MAX:
        raise DecodeError("supply overflows")
    if not staking_is_valid(g["staking"]):
        raise DecodeError("staking parameters")
    if len(g["validators"]) > g["staking"]["maxValidators"]:
        raise DecodeError("more validators than maxValidators")
    if not 1 <= g["maxBlockTransactions"] <= MAX_TRANSACTIONS_PER_BLOCK:
        raise DecodeError("maxBlockTransactions")
    if not 1 <= g["shardCount"] <= MAX_SHARDS:
        raise DecodeError("shardCount")
    if g["receiptTimeoutHeights"] < 1:
        raise DecodeError("receiptTimeoutHeights")
    return g


def account_value(balance, nonce):
    return u64(balance) + u64(nonce)


# ---------------------------------------------------------------------------------------------
# The checks


class Checker:
    def __init__(self):
        self.failures, self.checks, self.vectors = [], 0, 0

    def eq(self, what, expected, actual):
        self.checks += 1
        if expected != actual:
            self.failures.append(f"{what}: expected {_show(expected)}, got {_show(actual)}")

    def true(self, what, condition):
        self.eq(what, True, bool(condition))

    def rejects(self, what, decode, data):
        self.checks += 1
        try:
            decode(data)
        except DecodeError:
            return
        self.failures.append(f"{what}: decoded, but must be rejected")


def _show(v):
    return v.hex() if isinstance(v, bytes) else repr(v)


def hx(s):
    return bytes.fromhex(s)


def check_hashing(c, v):
    c.eq("hashing covers every tag of the specification", sorted(TAGS), sorted({t["tag"] for t in v["tagged"]}))
    for t in v["tagged"]:
        c.vectors += 1
        c.eq(f"hashing {t['tag']} {t['data']}", hx(t["hash"]), tagged(t["tag"], hx(t["data"])))
    for t in v["sha256"]:
        c.vectors += 1
        c.eq("sha256", hx(t["hash"]), sha256(hx(t["data"])))


def check_keys(c, v):
    for k in v["keys"]:
        c.vectors += 1
        public = ed25519_public_key(hx(k["seed"]))
        c.eq("public key", hx(k["publicKey"]), public)
        c.eq("address hash", hx(k["addressHash"]), tagged("chain/address/v1", public))
        c.eq("address", hx(k["address"]), address_of(public))
        c.eq("bech32m", k["bech32m"], bech32m_encode("chain", address_of(public)))
        c.eq("bech32m parse", hx(k["address"]), parse_address(k["bech32m"]))
    for s in v["signatures"]:
        c.vectors += 1
        message = hx(s["message"])
        c.eq("signature", hx(s["signature"]), ed25519_sign(hx(s["seed"]), message))
        c.true("signature verifies", ed25519_verify(ed25519_public_key(hx(s["seed"])), message, hx(s["signature"])))


def check_bech32m(c, v):
    for s in v["valid"]:
        c.vectors += 1
        decoded = bech32m_decode(s["string"])
        c.true(f"valid bech32m {s['string']}", decoded is not None)
        if decoded:
            c.eq("hrp", s["hrp"], decoded[0])
            data = _convert_bits(decoded[1], 5, 8, False)
            c.eq("bech32m data", s["data"], None if data is None else bytes(data).hex())
    for s in v["invalid"]:
        c.vectors += 1
        c.eq(f"invalid bech32m {s['string']!r} ({s['reason']})", None, bech32m_decode(s["string"]))
    typos = v["addressTypos"]
    c.vectors += 1
    c.true("typo base address", parse_address(typos["address"]) is not None)
    for t in typos["typos"]:
        c.vectors += 1
        c.eq(f"typo {t}", None, parse_address(t))


def payload_of(p):
    """The payload dict of a vector's JSON payload (section 4.2)."""
    c_kind = p["kind"]
    if c_kind == 1:
        return {"kind": 1, "to": hx(p["to"]), "amount": int(p["amount"]), "memo": hx(p["memo"])}
    if c_kind == 2:
        return {"kind": 2, "amount": int(p["amount"])}
    if c_kind in (3, 4):
        return {"kind": c_kind, "validator": hx(p["validator"]), "amount": int(p["amount"])}
    if c_kind == 5:
        return {"kind": 5, "validator": hx(p["validator"])}
    if c_kind == 6:
        return {"kind": 6, "first": decode_signed_vote(hx(p["first"])), "second": decode_signed_vote(hx(p["second"]))}
    if c_kind == 7:
        return {"kind": 7}
    if c_kind == 8:
        return {"kind": 8, "code": hx(p["code"]), "initArgs": hx(p["initArgs"]),
                "admin": None if p["admin"] is None else hx(p["admin"]), "gasLimit": int(p["gasLimit"])}
    if c_kind == 9:
        return {"kind": 9, "contract": hx(p["contract"]), "method": p["method"], "args": hx(p["args"]),
                "value": int(p["value"]), "gasLimit": int(p["gasLimit"])}
    if c_kind == 10:
        return {"kind": 10, "contract": hx(p["contract"]), "code": hx(p["code"]), "gasLimit": int(p["gasLimit"])}
    raise ValueError(f"payload kind {c_kind}")


def check_transactions(c, v):
    c.eq("a transaction vector for every payload kind", sorted(PAYLOAD_NAMES), sorted({t["payload"]["kind"] for t in v["vectors"]}))
    for t in v["vectors"]:
        c.vectors += 1
        p = t["payload"]
        c.eq("payload name", PAYLOAD_NAMES.get(p["kind"]), p["name"])
        payload = payload_of(p)
        fields = {"chainId": t["chainId"], "nonce": int(t["nonce"]), "sender": hx(t["sender"]), "fee": int(t["fee"]), "payload": payload}
        body = encode_tx_body(fields)
        c.eq(f"tx payload bytes ({t['description']})", hx(t["payloadBytes"]), encode_payload(payload))
        c.eq(f"tx body ({t['description']})", hx(t["body"]), body)
        c.eq("tx signing bytes", hx(t["signingBytes"]), tx_signing_bytes(body))
        c.eq("tx sender key", hx(t["sender"]), ed25519_public_key(hx(t["seed"])))
        c.eq("tx signature", hx(t["signature"]), ed25519_sign(hx(t["seed"]), tx_signing_bytes(body)))
        c.true("tx signature verifies", ed25519_verify(fields["sender"], tx_signing_bytes(body), hx(t["signature"])))
        c.eq("signed tx", hx(t["signed"]), body + hx(t["signature"]))
        c.eq("tx hash", hx(t["hash"]), tagged("chain/tx/v1", body + hx(t["signature"])))
        c.eq("sender address", t["senderAddress"], bech32m_encode("chain", address_of(fields["sender"])))
        if p["kind"] == 1:
            c.eq("recipient address", p["toBech32m"], bech32m_encode("chain", payload["to"]))
        if p["kind"] == 8:
            c.eq("code hash", hx(p["codeHash"]), tagged("chain/contract-code/v1", payload["code"]))
            deployer = address_of(fields["sender"])
            c.eq("contract address", hx(t["contractAddress"]), tagged("chain/contract-address/v1", deployer + u64(fields["nonce"]))[:20])
        if p["kind"] == 6:
            c.eq("reported evidence validity", p["evidenceValid"],
                 evidence_failed_rule(payload["first"], payload["second"], t["chainId"]) is None)
        decoded = decode_tx(hx(t["signed"]))
        c.eq("decoded tx", fields, {k: decoded[k] for k in fields})
    for t in v["invalid"]:
        c.vectors += 1
        c.rejects(f"invalid tx ({t['description']})", decode_tx, padded(t, "signed"))


def check_blocks(c, v):
    sets, headers = {}, {}
    for s in v["validatorSets"]:
        c.vectors += 1
        validators = [(hx(x["publicKey"]), int(x["power"])) for x in s["validators"]]
        encoding = encode_validator_set(validators)
        c.eq("validator set encoding", hx(s["encoding"]), encoding)
        c.eq("validator set hash", hx(s["hash"]), tagged("chain/validator-set/v1", encoding))
        c.eq("total power", int(s["totalPower"]), sum(p for _, p in validators))
        c.eq("validator set decodes", sorted(validators), decode_validator_set(encoding))
        sets[s["name"]] = sorted(validators)
    for h in v["headers"]:
        c.vectors += 1
        fields = {k: h[k] for k in ("chainId", "transactionCount")}
        fields.update({k: int(h[k]) for k in ("height", "timeUnixMs")})
        fields.update({k: hx(h[k]) for k in HEADER_HASHES + ("proposer", "chunksRoot")})
        encoding = encode_header(fields)
        c.eq("header encoding", hx(h["encoding"]), encoding)
        c.eq("header hash", hx(h["hash"]), tagged("chain/header/v1", encoding))
        c.eq("header decodes", fields, decode_header(encoding))
        c.true("header size", len(encoding) == 298 + len(fields["chainId"]) <= HEADER_MAX_BYTES)
        headers[h["name"]] = encoding
    for x in v["votes"]:
        c.vectors += 1
        c.eq("vote signing bytes", hx(x["signingBytes"]),
             vote_signing_bytes(x["kind"], x["chainId"], int(x["height"]), x["round"], hx(x["blockHash"])))
    for x in v["receipts"]:
        c.vectors += 1
        cx = x["contract"]
        contract = None if cx is None else (int(cx["gasUsed"]), hx(cx["returnData"]), hx(cx["message"]),
                                            [(hx(e["contract"]), hx(e["topic"]), hx(e["data"])) for e in cx["events"]])
        receipt = (hx(x["transactionHash"]), x["status"], int(x["feeCharged"]), contract)
        c.eq("receipt encoding", hx(x["encoding"]), encode_receipt(*receipt))
        c.eq("receipt decodes", receipt, decode_receipt(hx(x["encoding"])))
    for x in v["certificates"]:
        c.vectors += 1
        cert = decode_certificate(hx(x["encoding"]))
        signatures = [(s["validatorIndex"], hx(s["signature"])) for s in x["signatures"]]
        c.eq("certificate fields", (int(x["height"]), x["round"], hx(x["blockHash"]), signatures),
             (cert["height"], cert["round"], cert["blockHash"], cert["signatures"]))
        c.eq("certificate encoding", hx(x["encoding"]), encode_certificate(int(x["height"]), x["round"], hx(x["blockHash"]), signatures))
        c.eq("certificate hash", hx(x["hash"]), certificate_hash(hx(x["encoding"])))
        power = verify_certificate(headers[x["header"]], cert, sets[x["validatorSet"]])
        c.eq(f"certificate check ({x['description']})", x["valid"], power is not None)
        if x["valid"] and power is not None:
            c.eq("signed power", int(x["signedPower"]), power)
    block1_certificate = next(x for x in v["certificates"] if x["header"] == "block1" and x["valid"])
    c.eq("block 2 commits to block 1's certificate", decode_header(headers["block2"])["lastCertificateHash"],
         certificate_hash(hx(block1_certificate["encoding"])))
    c.eq("block 1 commits to no certificate", ZERO, decode_header(headers["block1"])["lastCertificateHash"])
    for x in v["blocks"]:
        c.vectors += 1
        header, last, txs, incoming = decode_block(hx(x["encoding"]))
        c.eq("proposed block header", hx(x["header"]), header)
        c.eq("proposed block parent certificate", None if x["lastCertificate"] is None else hx(x["lastCertificate"]), last)
        c.eq("proposed block parent certificate hash", hx(x["lastCertificateHash"]), certificate_hash(last))
        c.eq("proposed block transactions", [hx(t) for t in x["transactions"]], txs)
        c.eq("proposed block incoming receipts", [hx(t) for t in x["incoming"]], incoming)
        c.eq("proposed block hash", hx(x["hash"]), tagged("chain/header/v1", header))
        c.eq(f"proposed block body check ({x['description']})", x["bodyValid"], block_body_is_valid(header, last, txs))
        c.eq("proposed block encoding", hx(x["encoding"]), encode_block(header, last, txs, incoming))
    for x in v["finalizedBlocks"]:
        check_finalized_block(c, x)
    for q in v["quorum"]:
        c.vectors += 1
        powers = [int(p) for p in q["powers"]]
        c.eq(f"quorum {q}", q["quorum"], is_quorum(sum(powers[i] for i in q["signers"]), sum(powers)))
    check_invalid(c, v["invalid"], {"headers": decode_header, "validatorSets": decode_validator_set,
                                    "certificates": decode_certificate, "receipts": decode_receipt,
                                    "blocks": decode_block, "finalizedBlocks": decode_finalized_block})


def check_finalized_block(c, x):
    """A finalized block vector of blocks.json or sharding.json: its parts, roots, body check and encoding."""
    c.vectors += 1
    b = decode_finalized_block(hx(x["encoding"]))
    c.eq("block header", hx(x["header"]), b["header"])
    c.eq("block certificate", hx(x["certificate"]), b["certificate"])
    c.eq("block parent certificate", None if x["lastCertificate"] is None else hx(x["lastCertificate"]), b["last"])
    for key, name in (("transactions", "txs"), ("receipts", "receipts"), ("incoming", "incoming"), ("outgoing", "outgoing"),
                      ("chunks", "chunks")):
        c.eq(f"block {key}", [hx(t) for t in x[key]], b[name])
    c.eq("transactions root", hx(x["transactionsRoot"]), mth([tagged("chain/tx/v1", t) for t in b["txs"]]))
    c.eq("receipts root", hx(x["receiptsRoot"]), mth(b["receipts"]))
    c.eq("chunks root", hx(x["chunksRoot"]), mth(b["chunks"]))
    c.eq(f"block body check ({x['description']})", x["bodyValid"], finalized_body_is_valid(b))
    c.eq("block encoding", hx(x["encoding"]), encode_finalized_block(b))


def check_sharding(c, v):
    for x in v["shardMap"]:
        for s in x["shards"]:
            c.vectors += 1
            c.eq(f"shard of {x['address']} among {s['shardCount']}", s["shard"], shard_of(hx(x["address"]), s["shardCount"]))
    for x in v["receipts"]:
        c.vectors += 1
        fields = shard_receipt_fields(x)
        c.eq("shard receipt encoding", hx(x["encoding"]), encode_shard_receipt(fields))
        c.eq("shard receipt decodes", fields, decode_shard_receipt(encode_shard_receipt(fields)))
    check_contract_chunk(c, v["contractChunk"], {k["kind"]: k for k in v["stateKeys"]})
    chunk = v["sourceChunk"]
    leaves = [hx(x) for x in chunk["receipts"]]
    root, source, height = mth(leaves), chunk["source"], int(chunk["height"])
    c.vectors += 1
    c.eq("source chunk root", hx(chunk["root"]), root)
    c.eq("source chunk count", chunk["count"], len(leaves))
    sent = [decode_shard_receipt(x) for x in leaves]
    keys = {k["kind"]: k for k in v["stateKeys"]}
    c.vectors += len(keys)
    c.eq("outgoing-root key", hx(keys["outgoingRoot"]["key"]), shard_state_key(1, source, height))
    c.eq("outgoing-root value", hx(keys["outgoingRoot"]["value"]), root + struct.pack(">I", len(leaves)))
    to3 = max(x["sequence"] for x in sent if x["destination"] == 3) + 1
    c.eq("next-outbound key", hx(keys["nextOutbound"]["key"]), shard_state_key(2, source, 3))
    c.eq("next-outbound value", hx(keys["nextOutbound"]["value"]), struct.pack(">Q", to3))
    c.eq("next-inbound key", hx(keys["nextInbound"]["key"]), shard_state_key(3, 3, source))
    c.eq("next-inbound value", hx(keys["nextInbound"]["value"]), struct.pack(">Q", to3))
    for x in v["incoming"]:
        c.vectors += 1
        fields = {"receipt": decode_shard_receipt(hx(x["receipt"])), "index": x["index"], "leafCount": x["leafCount"],
                  "path": [hx(h) for h in x["path"]]}
        c.eq("incoming receipt encoding", hx(x["encoding"]), encode_incoming(fields))
        c.eq("incoming receipt decodes", fields, decode_incoming(hx(x["encoding"])))
        c.eq(f"incoming receipt proof ({x['description']})", x["verifies"], incoming_verifies(fields, root, len(leaves)))
    if all(x["verifies"] for x in v["incoming"][:len(leaves)]):
        c.eq("proofs of the whole chunk", [x["path"] for x in v["incoming"][:len(leaves)]],
             [[h.hex() for h in audit_path(i, leaves)] for i in range(len(leaves))])
    check_sharded_block(c, v["shardedBlock"])
    check_invalid(c, v["invalid"], {"shardReceipts": decode_shard_receipt, "incomingReceipts": decode_incoming,
                                    "chunkHeaders": decode_chunk_header})


def shard_receipt_fields(x):
    fields = {k: x[k] for k in ("kind", "source", "destination")}
    fields.update({k: int(x[k]) for k in ("sequence", "sourceHeight", "amount")})
    fields.update({k: hx(x[k]) for k in ("origin", "from", "to")})
    if x["kind"] in (3, 4):
        fields.update({"method": x["method"], "gasLimit": int(x["gasLimit"]), "callback": x["callback"],
                       "callbackGas": int(x["callbackGas"]), "status": x["status"], "data": hx(x["data"])})
    return fields


def check_contract_chunk(c, chunk, keys):
    """A chunk mixing transfer and contract receipts: encodings, (source, destination, channel, sequence) order, root, proofs."""
    receipts = [shard_receipt_fields(x) for x in chunk["receipts"]]
    leaves = [encode_shard_receipt(x) for x in receipts]
    c.vectors += len(receipts) + 1
    for x, leaf in zip(chunk["receipts"], leaves):
        c.eq("contract-chunk receipt encoding", hx(x["encoding"]), leaf)
        c.eq("contract-chunk receipt decodes", decode_shard_receipt(leaf), shard_receipt_fields(x))
        c.eq("contract-chunk receipt channel", x.get("channel", 0), channel_of(shard_receipt_fields(x)))
    order = [(x["source"], x["destination"], channel_of(x), x["sequence"]) for x in receipts]
    c.eq("contract-chunk order", order, sorted(order))
    root = mth(leaves)
    c.eq("contract-chunk root", hx(chunk["root"]), root)
    c.eq("contract-chunk count", chunk["count"], len(leaves))
    for i, x in enumerate(chunk["incoming"]):
        c.vectors += 1
        fields = {"receipt": receipts[i], "index": i, "leafCount": len(leaves), "path": audit_path(i, leaves)}
        c.eq("contract-chunk incoming encoding", hx(x["encoding"]), encode_incoming(fields))
        c.eq("contract-chunk incoming decodes", decode_incoming(hx(x["encoding"])), fields)
        c.eq("contract-chunk incoming verifies", x["verifies"], incoming_verifies(fields, root, len(leaves)))
    source = chunk["source"]
    to3 = max(x["sequence"] for x in receipts if channel_of(x) == 1 and x["destination"] == 3) + 1
    c.vectors += 2
    c.eq("next-contract-outbound key", hx(keys["nextContractOutbound"]["key"]), shard_state_key(5, source, 3))
    c.eq("next-contract-outbound value", hx(keys["nextContractOutbound"]["value"]), struct.pack(">Q", to3))
    c.eq("next-contract-inbound key", hx(keys["nextContractInbound"]["key"]), shard_state_key(6, 3, source))
    c.eq("next-contract-inbound value", hx(keys["nextContractInbound"]["value"]), struct.pack(">Q", to3))


def check_sharded_block(c, v):
    n, block = v["shardCount"], v["variants"][0]
    txs = [hx(t) for t in block["transactions"]]
    c.vectors += 1
    c.eq("lanes", v["lanes"], [lane_of(t, n) for t in txs])
    expected = chunk_headers(n, txs, [hx(x) for x in block["incoming"]], [hx(x) for x in block["outgoing"]])
    c.eq("chunk header encodings", [hx(x["encoding"]) for x in v["chunks"]], expected)
    for x in v["chunks"]:
        fields = {k: hx(x[k]) if w == 32 else x[k] for k, w in CHUNK_FIELDS}
        c.eq("chunk header fields", fields, decode_chunk_header(hx(x["encoding"])))
    c.eq("chunks root", hx(v["chunksRoot"]), mth(expected))
    c.eq("the header commits to the chunks root", hx(v["chunksRoot"]), decode_header(hx(block["header"]))["chunksRoot"])
    for x in v["variants"]:
        check_finalized_block(c, x)


def padded(entry, key="encoding"):
    """An invalid entry's bytes, followed by zero bytes up to its 'paddedLength' when it has one."""
    data = hx(entry[key])
    length = entry.get("paddedLength")
    return data if length is None else data + bytes(length - len(data))


def check_invalid(c, invalid, decoders):
    c.eq("a decoder for every list of invalid encodings", sorted(decoders),
         sorted(k for k, x in invalid.items() if isinstance(x, list)))
    for kind, decode in decoders.items():
        for x in invalid[kind]:
            c.vectors += 1
            c.rejects(f"invalid {kind} ({x['description']})", decode, padded(x))


def check_consensus(c, v):
    for x in v["signedVotes"]:
        c.vectors += 1
        vote = {"kind": x["kind"], "chainId": x["chainId"], "height": int(x["height"]), "round": x["round"],
                "blockHash": hx(x["blockHash"]), "validator": hx(x["validator"]), "signature": hx(x["signature"])}
        what = f"signed vote ({x['description']})"
        c.eq(f"{what} signing bytes", hx(x["signingBytes"]), signed_vote_signing_bytes(vote))
        c.eq(f"{what} encoding", hx(x["encoding"]), encode_signed_vote(vote))
        c.eq(f"{what} decodes", vote, decode_signed_vote(hx(x["encoding"])))
        c.eq(f"{what} nil", x["nil"], vote["blockHash"] == ZERO)
        c.eq(f"{what} verifies", x["signatureValid"], signed_vote_verifies(vote))
        if x["seed"] is not None:
            c.eq(f"{what} key", vote["validator"], ed25519_public_key(hx(x["seed"])))
            c.eq(f"{what} signature", vote["signature"], ed25519_sign(hx(x["seed"]), signed_vote_signing_bytes(vote)))
    for x in v["signedProposals"]:
        c.vectors += 1
        proposal = {"chainId": x["chainId"], "height": int(x["height"]), "round": x["round"], "polRound": x["polRound"],
                    "blockHash": hx(x["blockHash"]), "proposer": hx(x["proposer"]), "signature": hx(x["signature"])}
        what = f"signed proposal ({x['description']})"
        c.eq(f"{what} signing bytes", hx(x["signingBytes"]), proposal_signing_bytes(proposal))
        c.eq(f"{what} encoding", hx(x["encoding"]), encode_proposal(proposal))
        r = Reader(hx(x["encoding"]))
        c.eq(f"{what} decodes", proposal, read_proposal(r))
        r.end()
        c.eq(f"{what} verifies", x["valid"], proposal_is_valid(proposal))
        if x["seed"] is not None:
            c.eq(f"{what} key", proposal["proposer"], ed25519_public_key(hx(x["seed"])))
            c.eq(f"{what} signature", proposal["signature"], ed25519_sign(hx(x["seed"]), proposal_signing_bytes(proposal)))
    for x in v["messages"]:
        c.vectors += 1
        kind, body, block = decode_message(hx(x["encoding"]))
        what = f"consensus message ({x['description']})"
        c.eq(f"{what} kind", x["kind"], kind)
        c.eq(f"{what} encoding", hx(x["encoding"]), encode_message(kind, body, block))
        if kind == 1:
            c.eq(f"{what} proposal", hx(x["proposal"]), encode_proposal(body))
            c.eq(f"{what} block", hx(x["block"]), block)
            c.eq(f"{what} block is the proposed one", x["blockMatchesProposal"],
                 tagged("chain/header/v1", decode_block(block)[0]) == body["blockHash"])
        else:
            c.eq(f"{what} vote", hx(x["vote"]), encode_signed_vote(body))
    for x in v["evidence"]:
        c.vectors += 1
        first, second = decode_evidence(hx(x["encoding"]))
        what = f"evidence ({x['description']})"
        c.eq(f"{what} first", hx(x["first"]), encode_signed_vote(first))
        c.eq(f"{what} second", hx(x["second"]), encode_signed_vote(second))
        c.eq(f"{what} encoding", hx(x["encoding"]), encode_signed_vote(first) + encode_signed_vote(second))
        rule = evidence_failed_rule(first, second, x["chainId"])
        c.eq(f"{what} valid", x["valid"], rule is None)
        c.eq(f"{what} failed rule", x["failedRule"], rule)
    c.eq("evidence vectors break every rule", [1, 2, 3, 4, 5], sorted({x["failedRule"] for x in v["evidence"] if x["failedRule"]}))
    check_leader_selection(c, v["leaderSelection"])
    check_invalid(c, v["invalid"], {"signedVotes": decode_signed_vote, "messages": decode_message, "evidence": decode_evidence})


def check_leader_selection(c, v):
    sets = {}
    for s in v["validatorSets"]:
        validators = sorted((hx(x["publicKey"]), int(x["power"])) for x in s["validators"])
        c.eq(f"leader validator set {s['name']}", hx(s["encoding"]), encode_validator_set(validators))
        sets[s["name"]] = validators
    for d in v["draws"]:
        c.vectors += 1
        validators = sets[d["validatorSet"]]
        seed, height, round_ = hx(d["seed"]), int(d["height"]), d["round"]
        digest, draw = leader_draw(seed, height, round_, sum(p for _, p in validators))
        what = f"leader of {d['validatorSet']} at ({height}, {round_})"
        c.eq(f"{what} input", hx(d["input"]), seed + u64(height) + u32(round_))
        c.eq(f"{what} digest", hx(d["digest"]), digest)
        c.eq(f"{what} draw", int(d["draw"]), draw)
        c.eq(f"{what} index", d["leader"], leader(validators, seed, height, round_))
        c.eq(f"{what} key", hx(d["leaderPublicKey"]), validators[d["leader"]][0])
    t = v["tally"]
    c.vectors += 1
    validators = sets[t["validatorSet"]]
    counts = [0] * len(validators)
    for round_ in range(t["rounds"]):
        counts[leader(validators, hx(t["seed"]), int(t["height"]), round_)] += 1
    c.eq("leader tally", t["counts"], counts)


def check_merkle(c, v):
    leaves = [hx(x) for x in v["leaves"]]
    for x in v["roots"]:
        c.vectors += 1
        c.eq(f"rfc6962 root of {x['size']}", hx(x["root"]), mth(leaves[:x["size"]]))
    for x in v["auditPaths"]:
        c.vectors += 1
        path = [hx(p) for p in x["path"]]
        c.eq("audit path", path, audit_path(x["index"], leaves[:x["size"]]))
        c.eq("audit path root", hx(x["root"]), mth(leaves[:x["size"]]))
        c.true("audit path verifies", verify_inclusion(hx(x["root"]), hx(x["leaf"]), x["index"], x["size"], path))
    for x in v["invalidAuditPaths"]:
        c.vectors += 1
        c.eq(f"invalid audit path ({x['description']})", False,
             verify_inclusion(hx(x["root"]), hx(x["leaf"]), x["index"], x["size"], [hx(p) for p in x["path"]]))


def check_state_proofs(c, v):
    for tree in v["trees"]:
        c.vectors += 1
        leaves = []
        for e in tree["entries"]:
            kh, vh = key_hash(hx(e["key"])), value_hash(hx(e["value"]))
            c.eq("key hash", hx(e["keyHash"]), kh)
            c.eq("value hash", hx(e["valueHash"]), vh)
            c.eq("leaf hash", hx(e["leafHash"]), leaf_hash(kh, vh))
            leaves.append((kh, vh))
        root = smt_root(leaves)
        c.eq(f"state root of tree {tree['name']}", hx(tree["root"]), root)
        for p in tree["proofs"]:
            c.vectors += 1
            proof = decode_state_proof(hx(p["encoding"]))
            c.eq("proof key", hx(p["key"]), proof["key"])
            c.eq("proof value", p["value"], None if proof["value"] is None else proof["value"].hex())
            other = p["otherLeaf"]
            c.eq("proof other leaf", None if other is None else (hx(other["keyHash"]), hx(other["valueHash"])), proof["otherLeaf"])
            c.eq("proof siblings", [hx(s) for s in p["siblings"]], proof["siblings"])
            c.eq("proof encoding", hx(p["encoding"]), encode_state_proof(proof))
            c.eq(f"proof result ({tree['name']}: {p['description']})", p["result"], verify_state_proof(root, proof))
    for p in v["invalidProofs"]:
        c.vectors += 1
        c.eq(f"invalid proof ({p['description']})", "invalid", verify_state_proof(hx(p["root"]), decode_state_proof(hx(p["encoding"]))))
    for p in v["invalidEncodings"]:
        c.vectors += 1
        c.rejects(f"invalid proof encoding ({p['description']})", decode_state_proof, hx(p["encoding"]))


def check_genesis(c, v, blocks):
    c.vectors += 1
    d = v["document"]
    staking = {name: int(d["parameters"]["staking"][name]) for name, _ in STAKING_FIELDS}
    g = {"chainId": d["chainId"], "time": int(d["genesisTimeUnixMs"]), "minFee": int(d["parameters"]["minFee"]),
         "maxBlockTransactions": d["parameters"]["maxBlockTransactions"], "shardCount": d["parameters"]["shardCount"],
         "receiptTimeoutHeights": int(d["parameters"]["receiptTimeoutHeights"]), "staking": staking,
         "validators": [(hx(x["publicKey"]), int(x["power"])) for x in d["validators"]],
         "accounts": [(hx(a["address"]), int(a["balance"])) for a in d["accounts"]]}
    for a in d["accounts"]:
        c.eq("genesis account bech32m", a["bech32m"], bech32m_encode("chain", hx(a["address"])))
    encoding = encode_genesis(g)
    c.eq("genesis staking parameters", hx(v["stakingEncoding"]), encode_staking(staking))
    c.eq("genesis staking parameters are 64 bytes", 64, len(encode_staking(staking)))
    c.true("genesis staking parameters are valid", staking_is_valid(staking))
    c.eq("genesis validator set", hx(v["validatorSetEncoding"]), encode_validator_set(g["validators"]))
    c.eq("genesis validator set hash", hx(v["validatorSetHash"]), tagged("chain/validator-set/v1", encode_validator_set(g["validators"])))
    c.eq("genesis encoding", hx(v["encoding"]), encoding)
    c.eq("genesis hash", hx(v["hash"]), tagged("chain/genesis/v1", encoding))
    c.eq("genesis decodes", g, decode_genesis(encoding))
    c.eq("total supply", int(v["totalSupply"]), genesis_total_supply(g))
    state = [(key_hash(b"\x01" + a), value_hash(account_value(b, 0))) for a, b in g["accounts"] if b > 0]
    c.eq("genesis accounts state root", hx(v["accountsStateRoot"]), smt_root(state))
    block1 = next(h for h in blocks["headers"] if h["name"] == "block1")
    c.eq("block 1 previous hash is the genesis hash", hx(v["hash"]), hx(block1["previousHash"]))
    for x in v["invalid"]:
        c.vectors += 1
        c.rejects(f"invalid genesis ({x['description']})", decode_genesis, hx(x["encoding"]))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

    def load(name):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            return json.load(f)

    c = Checker()
    files = [
        ("hashing.json", check_hashing),
        ("keys.json", check_keys),
        ("bech32m.json", check_bech32m),
        ("transactions.json", check_transactions),
        ("blocks.json", check_blocks),
        ("consensus.json", check_consensus),
        ("merkle.json", check_merkle),
        ("state-proofs.json", check_state_proofs),
        ("genesis.json", lambda c, v: check_genesis(c, v, load("blocks.json"))),
        ("sharding.json", check_sharding),
    ]
    for name, check in files:
        try:
            check(c, load(name))
        except Exception as e:  # a valid vector that does not decode is a mismatch too
            c.failures.append(f"{name}: {type(e).__name__}: {e}")

    for failure in c.failures:
        print("MISMATCH", failure)
    print(f"{c.vectors} vectors, {c.checks} checks, {len(c.failures)} mismatches")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
