// HPKE (RFC 9180), base mode, for the one suite of DESIGN.md:
// DHKEM(X25519, HKDF-SHA256) 0x0020, HKDF-SHA256 0x0001, AES-256-GCM 0x0002.
// WebCrypto only: X25519, HMAC-SHA256 (HKDF's extract and expand), AES-GCM, getRandomValues.
// It passes the RFC 9180 test vectors for this suite (tests/web/test_browser_crypto.py).

import { concat, i2osp, utf8 } from "./bytes.js";

const subtle = globalThis.crypto.subtle;
const KEM_ID = 0x0020;
const KDF_ID = 0x0001;
const AEAD_ID = 0x0002;
const N_SECRET = 32;
const N_K = 32;
const N_N = 12;
const N_H = 32;
const MODE_BASE = 0;
const HPKE_V1 = utf8("HPKE-v1");
const KEM_SUITE = concat(utf8("KEM"), i2osp(KEM_ID, 2));
const SUITE = concat(utf8("HPKE"), i2osp(KEM_ID, 2), i2osp(KDF_ID, 2), i2osp(AEAD_ID, 2));
// An X25519 private key as PKCS#8: WebCrypto imports private keys in no raw form.
const PKCS8_X25519_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);

async function hmac(key, data) {
  const k = await subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle.sign("HMAC", k, data));
}

const extract = (salt, ikm) => hmac(salt.length ? salt : new Uint8Array(N_H), ikm);

async function expand(prk, info, length) {
  const out = new Uint8Array(length);
  let block = new Uint8Array(0);
  for (let i = 1, done = 0; done < length; i++) {
    block = await hmac(prk, concat(block, info, new Uint8Array([i])));
    out.set(block.subarray(0, Math.min(block.length, length - done)), done);
    done += block.length;
  }
  return out;
}

const labeledExtract = (suite, salt, label, ikm) =>
  extract(salt, concat(HPKE_V1, suite, utf8(label), ikm));

const labeledExpand = (suite, prk, label, info, length) =>
  expand(prk, concat(i2osp(length, 2), HPKE_V1, suite, utf8(label), info), length);

export async function importPrivateKey(raw) {
  if (raw.length !== 32) throw new Error("an X25519 private key is 32 bytes");
  return subtle.importKey("pkcs8", concat(PKCS8_X25519_PREFIX, raw), { name: "X25519" }, true, [
    "deriveBits",
  ]);
}

export async function importPublicKey(raw) {
  if (raw.length !== 32) throw new Error("an X25519 public key is 32 bytes");
  return subtle.importKey("raw", raw, { name: "X25519" }, true, []);
}

export async function publicKeyBytes(privateKey) {
  const jwk = await subtle.exportKey("jwk", privateKey);
  const b64 = jwk.x.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) =>
    c.charCodeAt(0)
  );
}

// RFC 9180 DeriveKeyPair for X25519: the raw private key derived from `ikm`.
export async function deriveKeyPair(ikm) {
  const prk = await labeledExtract(KEM_SUITE, new Uint8Array(0), "dkp_prk", ikm);
  const raw = await labeledExpand(KEM_SUITE, prk, "sk", new Uint8Array(0), 32);
  const privateKey = await importPrivateKey(raw);
  return { raw, privateKey, publicKey: await publicKeyBytes(privateKey) };
}

export async function generateKeyPair() {
  const raw = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return deriveKeyPair(raw);
}

async function dh(privateKey, publicRaw) {
  const publicKey = await importPublicKey(publicRaw);
  const shared = new Uint8Array(
    await subtle.deriveBits({ name: "X25519", public: publicKey }, privateKey, 256)
  );
  // RFC 7748: an all-zero output means a small-order public key; HPKE must refuse it.
  if (shared.every((b) => b === 0)) throw new Error("invalid public key");
  return shared;
}

async function extractAndExpand(dhSecret, kemContext) {
  const prk = await labeledExtract(KEM_SUITE, new Uint8Array(0), "eae_prk", dhSecret);
  return labeledExpand(KEM_SUITE, prk, "shared_secret", kemContext, N_SECRET);
}

async function keySchedule(sharedSecret, info) {
  const empty = new Uint8Array(0);
  const pskIdHash = await labeledExtract(SUITE, empty, "psk_id_hash", empty);
  const infoHash = await labeledExtract(SUITE, empty, "info_hash", info);
  const context = concat(new Uint8Array([MODE_BASE]), pskIdHash, infoHash);
  const secret = await labeledExtract(SUITE, sharedSecret, "secret", empty);
  const key = await labeledExpand(SUITE, secret, "key", context, N_K);
  const baseNonce = await labeledExpand(SUITE, secret, "base_nonce", context, N_N);
  const aesKey = await subtle.importKey("raw", key, { name: "AES-GCM" }, false, [
    "encrypt",
    "decrypt",
  ]);
  return new Context(aesKey, baseNonce, key);
}

class Context {
  constructor(aesKey, baseNonce, key) {
    this.aesKey = aesKey;
    this.baseNonce = baseNonce;
    this.key = key;
    this.seq = 0;
  }

  nextNonce() {
    const nonce = this.baseNonce.slice();
    const seq = i2osp(this.seq++, N_N);
    for (let i = 0; i < N_N; i++) nonce[i] ^= seq[i];
    return nonce;
  }

  async seal(aad, plaintext) {
    const params = { name: "AES-GCM", iv: this.nextNonce(), additionalData: aad };
    return new Uint8Array(await subtle.encrypt(params, this.aesKey, plaintext));
  }

  async open(aad, ciphertext) {
    const params = { name: "AES-GCM", iv: this.nextNonce(), additionalData: aad };
    return new Uint8Array(await subtle.decrypt(params, this.aesKey, ciphertext));
  }
}

// SetupBaseS; `ephemeral` (from deriveKeyPair) is for the test vectors only.
export async function setupBaseS(recipientPublic, info, ephemeral) {
  const eph = ephemeral || (await generateKeyPair());
  const dhSecret = await dh(eph.privateKey, recipientPublic);
  const enc = eph.publicKey;
  const sharedSecret = await extractAndExpand(dhSecret, concat(enc, recipientPublic));
  return { enc, sharedSecret, context: await keySchedule(sharedSecret, info) };
}

// SetupBaseR with the recipient's private key (a CryptoKey) and its raw public key.
export async function setupBaseR(enc, recipientPrivate, recipientPublic, info) {
  const dhSecret = await dh(recipientPrivate, enc);
  const sharedSecret = await extractAndExpand(dhSecret, concat(enc, recipientPublic));
  return { sharedSecret, context: await keySchedule(sharedSecret, info) };
}
